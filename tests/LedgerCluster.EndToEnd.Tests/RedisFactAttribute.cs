using LedgerCluster.Tests.Shared;

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
        if (SkipReason is { } reason) Skip = reason;
    }

    /// <summary>Why Redis cannot be used here, or null.</summary>
    public static string? SkipReason => Unavailable.Value;

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

/// <summary>
/// A fact for a cluster on Azure storage: needs Redis (as <see cref="RedisFactAttribute"/>) and a running Azurite
/// (`bash deploy/azurite.sh start`; CI's .ci/run starts it); skipped with the reason when either is missing.
/// </summary>
public sealed class RedisAzuriteFactAttribute : FactAttribute
{
    public RedisAzuriteFactAttribute()
    {
        if (Azurite.SkipReason is { } azurite) Skip = azurite;
        else if (RedisFactAttribute.SkipReason is { } redis) Skip = redis;
    }
}
