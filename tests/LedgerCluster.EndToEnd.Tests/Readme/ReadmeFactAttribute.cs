namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>The README test: skipped, with the reason, when ../shared (which its sessions read) or, outside CI, a tool they use is absent.</summary>
public sealed class ReadmeFactAttribute : FactAttribute
{
    public ReadmeFactAttribute()
    {
        if (SharedDirectory is null) Skip = "../shared is absent (the README's sessions read its benchmarks and logs); README test skipped";
        // In CI (.ci/run installs the tools) a missing tool fails the test by name instead of skipping it.
        else if (MissingTool() is { } tool && !Chromium.InCi) Skip = $"{tool} is not installed; the README's sessions use it (apt-get install {tool})";
    }

    /// <summary>../shared beside the repository ($LEDGER_SHARED_DIR overrides), or null when absent.</summary>
    public static string? SharedDirectory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("LEDGER_SHARED_DIR");
            var candidate = string.IsNullOrEmpty(fromEnv) ? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared")) : fromEnv;
            return File.Exists(Path.Combine(candidate, "FORMATS.md")) ? candidate : null;
        }
    }

    private static string? MissingTool() =>
        new[] { "bash", "git", "curl", "jq", "sqlite3" }.FirstOrDefault(tool =>
            !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool))));
}
