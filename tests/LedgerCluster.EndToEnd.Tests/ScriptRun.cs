using System.Diagnostics;
using System.Text;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Runs a command to completion with extra environment, capturing its output; kills it (and only it) on timeout.</summary>
public sealed record ScriptRun(int ExitCode, string Output)
{
    public static async Task<ScriptRun> Of(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, TimeSpan timeout,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in env) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (gate) return new ScriptRun(-1, $"{output}\n(killed after {timeout.TotalSeconds:0} s)");
        }
        // The asynchronous readers finish after the exit; this waits for them.
        process.WaitForExit();
        lock (gate) return new ScriptRun(process.ExitCode, output.ToString());
    }
}
