using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LedgerCluster.Client.Cli;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// An Azurite (the Azure Storage emulator) of the bench's own: in memory, on free loopback ports, no telemetry, stopped
/// (with its process tree) when disposed. Found at $LEDGER_AZURITE, else deploy/node_modules/.bin/azurite of the repository
/// around the current directory or this program (`bash deploy/azurite.sh start` installs it there), else on PATH.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string PathVariable = "LEDGER_AZURITE";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancel)
    {
        var executable = Find() ?? throw new CliException(
            $"--stores azurite: Azurite not found; install it once with `bash deploy/azurite.sh start` (then stop it) in the repository, or set ${PathVariable} to its executable");
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        // --disableTelemetry: without it Azurite calls the cloud metadata endpoint and ignores SIGTERM; --skipApiVersionCheck: the
        // Blobs SDK may be newer than Azurite (the clients also pin a version).
        foreach (var arg in new[]
                 {
                     "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new CliException($"--stores azurite: could not start {executable}");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
        var deadline = Stopwatch.StartNew();
        while (!(await Listening(blob) && await Listening(table)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60) || cancel.IsCancellationRequested)
            {
                await azurite.DisposeAsync();
                string said;
                lock (output) said = output.ToString().Trim().ReplaceLineEndings(" ");
                throw new CliException($"--stores azurite: {executable} did not start listening on ports {blob}/{table}{(said.Length > 0 ? $": {said}" : "")}");
            }
            await Task.Delay(200, CancellationToken.None);
        }
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException) { }
        catch (TimeoutException) { }
        finally { _process.Dispose(); }
    }

    /// <summary>The Azurite executable the bench would start, or null when none is installed.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        foreach (var root in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "node_modules", ".bin", "azurite");
                if (File.Exists(candidate)) return candidate;
            }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "azurite")).FirstOrDefault(File.Exists);
    }

    private static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
