namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A fact that needs Debian's redis-server: when it is missing, `deploy/redis.sh install` is tried once (CI installs it
/// in .ci/run beforehand); if it still cannot be installed or run, the test is skipped with the reason.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public RedisFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = reason;
    }

    private static string? Probe()
    {
        var version = Run("redis-server", "--version");
        if (version.ExitCode == 0) return null;
        var install = Run("bash", RepoPaths.Path("deploy", "redis.sh"), "install");
        version = Run("redis-server", "--version");
        return version.ExitCode == 0 ? null
            : $"redis-server cannot be installed or run here (deploy/redis.sh install: {install.Output.Trim()}); the multi-silo test needs Debian's redis-server";
    }

    private static ScriptRun Run(string file, params string[] args)
    {
        try { return ScriptRun.Of(file, args, new Dictionary<string, string>(), TimeSpan.FromMinutes(3)).GetAwaiter().GetResult(); }
        catch (System.ComponentModel.Win32Exception e) { return new ScriptRun(-1, e.Message); }
    }
}
