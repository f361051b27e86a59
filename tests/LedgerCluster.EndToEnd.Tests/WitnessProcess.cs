using System.Diagnostics;
using System.Net.Sockets;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A real `ledger witness serve` process (the built apphost) on a loopback port; disposing kills it, and only it.</summary>
public sealed class WitnessProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WitnessProcess(Process process) => _process = process;

    public static async Task<WitnessProcess> StartAsync(int port, string stateDirectory, string keyFile, IEnumerable<string> logVerifierKeys)
    {
        var start = new ProcessStartInfo(RepoPaths.LedgerApphost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "witness", "serve", "--port", port.ToString(), "--state", stateDirectory, "--key", keyFile }) start.ArgumentList.Add(arg);
        foreach (var vkey in logVerifierKeys) { start.ArgumentList.Add("--log-vkey"); start.ArgumentList.Add(vkey); }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var witness = new WitnessProcess(process);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"ledger witness serve exited with {process.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return witness;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await witness.DisposeAsync();
        throw new InvalidOperationException($"ledger witness serve did not listen on port {port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
