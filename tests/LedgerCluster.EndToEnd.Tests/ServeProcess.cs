using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A real `ledger serve` process (the built apphost) on a data directory, whose file writes a test can make fail the way a
/// full disk does, as root too: <see cref="FailFileWrites"/> lowers its RLIMIT_FSIZE to 0, so every write(2) to a file fails
/// with EFBIG inside SQLite, and <see cref="AllowFileWrites"/> lifts it again. The process starts through bash with SIGXFSZ
/// ignored, so a refused write is an error return, not a killed process. Its output goes to a pipe (not limited).
/// Disposing kills it, and only it.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const int FileSizeLimit = 1; // RLIMIT_FSIZE on Linux
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<ServeProcess> StartAsync(string dataDirectory, int shards = 1)
    {
        var ports = EmbeddedNode.FreePorts(3);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "trap '' XFSZ; exec \"$@\"", "serve-process", RepoPaths.LedgerApphost, "serve", "--data", dataDirectory,
                     "--shards", shards.ToString(), "--port", ports[0].ToString(), "--silo-port", ports[1].ToString(), "--gateway-port", ports[2].ToString() })
            start.ArgumentList.Add(arg);
        var serve = new ServeProcess(Process.Start(start)!, $"http://127.0.0.1:{ports[0]}");
        serve._process.StandardInput.Close();
        serve._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (serve._process.HasExited) throw new InvalidOperationException($"ledger serve exited with {serve._process.ExitCode}:\n{serve.Output}");
            try
            {
                using var ready = await http.GetAsync(serve.Url + "/health/ready");
                if (ready.IsSuccessStatusCode) return serve;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await serve.DisposeAsync();
        throw new InvalidOperationException($"ledger serve was not ready within 60 s:\n{serve.Output}");
    }

    public void FailFileWrites() => SetFileSizeLimit(0);

    public void AllowFileWrites() => SetFileSizeLimit(ulong.MaxValue);

    private void SetFileSizeLimit(ulong bytes)
    {
        var limit = new ResourceLimit { Soft = bytes, Hard = ulong.MaxValue };
        if (prlimit(_process.Id, FileSizeLimit, ref limit, IntPtr.Zero) != 0)
            throw new InvalidOperationException($"prlimit(RLIMIT_FSIZE) on pid {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int prlimit(int pid, int resource, ref ResourceLimit newLimit, IntPtr oldLimit);
}
