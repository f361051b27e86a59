namespace LedgerCluster.Core.Tests.Support;

/// <summary>Locates `../shared/` beside the repository; tests that need it skip when it is absent.</summary>
public static class SharedData
{
    public const string MissingMessage = "../shared is absent (the read-only conformance data beside the repository); skipped";

    private static readonly Lazy<string?> RootPath = new(Find);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Root => RootPath.Value;

    public static bool Available => Root is not null;

    /// <summary>A path inside the shared folder; only call from a test marked [SharedFact]/[SharedTheory].</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException(MissingMessage), .. parts]);

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LEDGER_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return fromEnv;
        // Walk up from the test binary to the repository root (the folder holding LedgerCluster.sln); shared/ sits beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "LedgerCluster.sln"))) continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
            return File.Exists(System.IO.Path.Combine(candidate, "FORMATS.md")) ? candidate : null;
        }
        return null;
    }
}
