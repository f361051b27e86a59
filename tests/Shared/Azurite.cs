using System.Net.Sockets;

namespace LedgerCluster.Tests.Shared;

/// <summary>
/// Finds the Azurite the Azure storage tests run against: $AZURITE_CONNECTION_STRING, else the env file
/// `deploy/azurite.sh start` writes ($AZURITE_ENV_FILE, or deploy/run/azurite.env above the test binaries).
/// <see cref="SkipReason"/> is null when its blob and table endpoints accept connections on loopback.
/// </summary>
public static class Azurite
{
    private static readonly Lazy<(string? ConnectionString, string? SkipReason)> Found = new(Locate);

    public static string ConnectionString => Found.Value.ConnectionString ?? throw new InvalidOperationException(SkipReason);

    public static string? SkipReason => Found.Value.SkipReason;

    /// <summary>The env file `deploy/azurite.sh start` wrote, when Azurite was found through it (not through $AZURITE_CONNECTION_STRING).</summary>
    public static string? EnvFile { get; private set; }

    /// <summary>A name no earlier test used in this Azurite (it keeps data for its lifetime): letters and digits only.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    private const string Help = "start it with `bash deploy/azurite.sh start` (tests/run.sh under .ci/run does) or set AZURITE_CONNECTION_STRING";

    private static (string?, string?) Locate()
    {
        var connection = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connection))
        {
            var file = Environment.GetEnvironmentVariable("AZURITE_ENV_FILE") ?? FindEnvFile();
            if (file is null || !File.Exists(file)) return (null, $"Azurite not found: {Help}");
            connection = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "AZURITE_CONNECTION_STRING").Select(p => Unquote(p[1])).FirstOrDefault();
            if (string.IsNullOrWhiteSpace(connection)) return (null, $"Azurite env file {file} has no AZURITE_CONNECTION_STRING: {Help}");
            EnvFile = Path.GetFullPath(file);
        }
        foreach (var endpoint in Endpoints(connection))
        {
            if (!endpoint.IsLoopback) return (null, $"Azurite endpoint {endpoint} is not on loopback; the tests only use a local emulator");
            if (!Reachable(endpoint)) return (null, $"Azurite is not reachable at {endpoint}: {Help}");
        }
        return (connection, null);
    }

    // The file is shell syntax: the value is single-quoted because it holds ';'.
    private static string Unquote(string value) => value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;

    private static string? FindEnvFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "run", "azurite.env");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static IEnumerable<Uri> Endpoints(string connection)
    {
        if (connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            return [new Uri("http://127.0.0.1:10000"), new Uri("http://127.0.0.1:10002")];
        return connection.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] is "BlobEndpoint" or "TableEndpoint").Select(p => new Uri(p[1]));
    }

    private static bool Reachable(Uri endpoint)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception e) when (e is SocketException or AggregateException) { return false; }
    }
}

/// <summary>A fact that is skipped, with the reason, when Azurite is not running.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (Azurite.SkipReason is { } reason) Skip = reason;
    }
}
