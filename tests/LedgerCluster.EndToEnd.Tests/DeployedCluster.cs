using System.Net;
using System.Net.Sockets;
using LedgerCluster.Tests.Shared;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A real cluster started by the deploy scripts: Redis and N `ledger serve` processes (the built apphost) on free
/// loopback ports, with pids, logs and the shared store in a temp directory. Disposing stops all of it.
/// With an Azure prefix the silos keep everything in the running Azurite (STORAGE=azure) under that prefix instead:
/// handed its connection string, or (<c>azureFromEnvFile</c>) left to find it in the env file deploy/azurite.sh wrote.
/// </summary>
public sealed class DeployedCluster : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _env;
    private readonly int _httpBase;
    private bool _running;

    private DeployedCluster(int silos, string? azurePrefix, bool azureFromEnvFile)
    {
        Silos = silos;
        _httpBase = FreeBase(silos);
        _env = new Dictionary<string, string>
        {
            ["LEDGER"] = RepoPaths.LedgerApphost,
            ["RUN_DIR"] = _dir.Path,
            ["DATA"] = DataDirectory,
            ["REDIS_PORT"] = EmbeddedNode.FreePort().ToString(),
            ["HTTP_BASE"] = _httpBase.ToString(),
            ["SILO_BASE"] = FreeBase(silos).ToString(),
            ["GATEWAY_BASE"] = FreeBase(silos).ToString(),
            ["CLUSTER_ID"] = "e2e-" + Guid.NewGuid().ToString("N")[..8],
        };
        if (azurePrefix is not null)
        {
            _env["STORAGE"] = "azure";
            _env["AZURE_PREFIX"] = azurePrefix;
            if (azureFromEnvFile)
            {
                _env["LEDGER_AZURE_CONNECTION"] = ""; // not inherited: cluster.sh must read the env file
                _env["AZURITE_ENV_FILE"] = Azurite.EnvFile ?? throw new InvalidOperationException("Azurite was not found through deploy/azurite.sh's env file");
            }
            else _env["LEDGER_AZURE_CONNECTION"] = Azurite.ConnectionString;
        }
    }

    public int Silos { get; }

    public string DataDirectory => _dir.File("data");

    public string Url(int silo) => $"http://127.0.0.1:{_httpBase + silo}";

    /// <summary>Starts Redis and the silos: on one SQLite file, or on Azurite under <paramref name="azurePrefix"/> when given.</summary>
    public static async Task<DeployedCluster> StartAsync(int silos, string? azurePrefix = null, bool azureFromEnvFile = false)
    {
        if (!File.Exists(RepoPaths.LedgerApphost)) throw new InvalidOperationException($"build the client first: {RepoPaths.LedgerApphost} is missing");
        var cluster = new DeployedCluster(silos, azurePrefix, azureFromEnvFile);
        try
        {
            await cluster.StartAgainAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts every silo (and Redis) again, after <see cref="StopAsync"/>, on the same ports and store.</summary>
    public async Task StartAgainAsync()
    {
        _running = true;
        await Script("cluster.sh", "start", "--silos", Silos.ToString());
    }

    /// <summary>`deploy/cluster.sh stop`: every silo stops gracefully, then Redis; the store stays.</summary>
    public async Task StopAsync()
    {
        await Script("cluster.sh", "stop");
        _running = false;
    }

    public Task KillAsync(int silo) => Script("kill-silo.sh", silo.ToString());

    public Task RestartAsync(int silo) => Script("cluster.sh", "restart-silo", silo.ToString());

    /// <summary>Each silo's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", Enumerable.Range(1, Silos).Select(i => _dir.File($"silo-{i}.log")).Where(File.Exists)
        .Select(f => $"--- {Path.GetFileName(f)} (tail)\n{string.Join("\n", File.ReadLines(f).TakeLast(15))}"));

    private async Task Script(string name, params string[] args)
    {
        var run = await ScriptRun.Of("bash", [RepoPaths.Path("deploy", name), .. args], _env, TimeSpan.FromSeconds(120));
        if (run.ExitCode != 0) throw new InvalidOperationException($"deploy/{name} {string.Join(' ', args)} exited {run.ExitCode}:\n{run.Output}\n{Logs()}");
    }

    public async ValueTask DisposeAsync()
    {
        try { if (_running) await StopAsync(); }
        finally { _dir.Dispose(); }
    }

    // A base port whose next `count` ports are all free (silo i uses base + i).
    internal static int FreeBase(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(1, count).All(i => IsFree(candidate + i))) return candidate;
        }
        throw new InvalidOperationException("no free run of loopback ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
