using System.Diagnostics;
using System.Threading.Channels;

namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// One bash, like the reader's terminal: commands run one after the other in the same shell (so `&amp;` jobs, `kill %1`
/// and `$(...)` behave as typed), stdout and stderr together, stdin from /dev/null. Each command is followed by a marker
/// line carrying its exit code. Logger warnings are left out (<see cref="LoggerWarnings"/>). Disposing stops the shell's background jobs and the shell, and only those.
/// </summary>
public sealed class ReadmeShell : IAsyncDisposable
{
    private const string Marker = "@@readme-command-done ";
    private readonly Process _bash;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly LoggerWarnings _warnings = new();
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public ReadmeShell(string directory, IReadOnlyDictionary<string, string> environment)
    {
        (_directory, _environment) = (directory, environment);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // Commands come on fd 3 (our pipe); the commands themselves see /dev/null as stdin and write both streams to stdout.
        foreach (var arg in new[] { "--noprofile", "--norc", "-c",
            "exec 3<&0 0</dev/null 2>&1\n" +
            // The marker starts on a line of its own even after output without a final newline (curl's).
            "while IFS= read -r -u 3 readme_command; do eval \"$readme_command\"; printf '\\n" + Marker + "%d\\n' $?; done\n" +
            "kill $(jobs -p) 2>/dev/null; wait" })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _bash = Process.Start(start)!;
        _bash.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Writer.TryWrite(e.Data); else _lines.Writer.TryComplete(); };
        _bash.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Writer.TryWrite(e.Data); };
        _bash.BeginOutputReadLine();
        _bash.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts a background job (`CMD &amp;`) and waits until it printed <paramref name="lines"/> lines (its "serving" line),
    /// so the next command finds it up. Like a terminal the job keeps its own output: it goes to <paramref name="log"/>,
    /// so what a server prints later (while stopping) is not taken for the output of whatever command runs then.
    /// </summary>
    public async Task<(int ExitCode, List<string> Output)> StartJobAsync(string command, int lines, string log, TimeSpan timeout)
    {
        var (code, output) = await RunAsync($"{command} > '{log}' 2>&1 &", timeout);
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var printed = File.Exists(log) ? LoggerWarnings.Without(File.ReadAllLines(log)) : [];
            // A line is complete once its newline arrived; the last element may still be growing.
            if (printed.Count >= lines && (printed.Count > lines || File.ReadAllText(log).EndsWith('\n'))) return (code, [.. output, .. printed.Take(lines)]);
            if (cancel.IsCancellationRequested) return (code, [.. output, .. printed, $"(no {lines} lines of output within {timeout.TotalSeconds:0} s)"]);
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Runs a command to its exit code, with what it printed.</summary>
    public async Task<(int ExitCode, List<string> Output)> RunAsync(string command, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _bash.StandardInput.WriteLineAsync(command);
        await _bash.StandardInput.FlushAsync();
        var output = new List<string>();
        int? code = null;
        try
        {
            while (code is null)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.StartsWith(Marker, StringComparison.Ordinal))
                {
                    code = int.Parse(line[Marker.Length..]);
                    // The newline printed before the marker: an empty line when the output had its own.
                    if (output.Count > 0 && output[^1].Length == 0) output.RemoveAt(output.Count - 1);
                }
                else if (_warnings.Keep(line)) output.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            output.Add($"(no exit within {timeout.TotalSeconds:0} s)");
            return (-1, output);
        }
        catch (ChannelClosedException)
        {
            output.Add("(the shell exited)");
            return (-1, output);
        }
        return (code.Value, output);
    }

    /// <summary>
    /// A command the reader stops with Ctrl+C once it printed <paramref name="lines"/> lines: run in its own process (a
    /// background job of a script would ignore SIGINT), sent SIGINT as the terminal would, and waited for.
    /// </summary>
    public async Task<List<string>> RunUntilInterruptAsync(string command, int lines, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--noprofile", "--norc", "-c", "exec 2>&1 0</dev/null; exec " + command }) start.ArgumentList.Add(arg);
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = Channel.CreateUnbounded<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Writer.TryWrite(e.Data); else output.Writer.TryComplete(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Writer.TryWrite(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var shown = new List<string>();
        var warnings = new LoggerWarnings();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (shown.Count < lines)
            {
                var line = await output.Reader.ReadAsync(cancel.Token);
                if (warnings.Keep(line)) shown.Add(line);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            shown.Add($"(no {lines} lines of output within {timeout.TotalSeconds:0} s)");
        }
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString()])!;
            await kill.WaitForExitAsync();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                // A child inherits an ignored SIGINT, and a .NET process honours it: after other tests of this process
                // left SIGINT ignored, Ctrl+C could not reach the command at all. SIGTERM stops it the same graceful way.
                using var interrupted = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await process.WaitForExitAsync(interrupted.Token); }
                catch (OperationCanceledException)
                {
                    using var term = Process.Start("kill", ["-TERM", process.Id.ToString()])!;
                    await term.WaitForExitAsync();
                }
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                shown.Add("(Ctrl+C did not stop it within 30 s)");
            }
        }
        return shown;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing the command pipe ends the loop; the shell then stops its own background jobs.
            _bash.StandardInput.Close();
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bash.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _bash.Kill(entireProcessTree: true);
            await _bash.WaitForExitAsync();
        }
        _bash.Dispose();
    }
}
