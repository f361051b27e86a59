using Xunit.Abstractions;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// README.md is executable. Every ```console block is a terminal session: `$ COMMAND` lines are typed, in README order,
/// into one bash in a fresh clone (<see cref="FreshClone"/>: the repository's files, ../shared beside it, `ledger` on
/// PATH), and the lines under each command are what it must print. Each command must exit 0 (or the code a trailing
/// `# exit N` names); `CMD &amp;` is a background job (a server) the session waits for until it printed its shown lines;
/// a last shown line `^C` means Ctrl+C once the lines above it appeared (the demo, which serves until then).
///
/// What may differ from the README, and nothing else (see <see cref="RealToShown"/>, <see cref="ProgressLine"/> and
/// <see cref="VolatileTokens"/>): progress lines (a progress bar on a terminal), logger warnings (<see cref="LoggerWarnings"/>), the clone's path (shown as /home/me/LedgerCluster), the loopback ports (each README port is a free port here, so
/// sessions never collide with anything else on the machine; `ledger demo`/`ledger serve` without --port get the one
/// standing for 8080), `dotnet run --project client --` (run as the built `ledger`, the same program: building it again
/// inside the test would take minutes), and the values made fresh each run: keys, signatures and cosignatures.
///
/// Blocks that are not `console` are never run; a `$ ` command in one must be a measurement listed in
/// <see cref="Measurements"/> (its numbers come from a long timed run and change every time).
///
/// After a change to what the commands print, regenerate the README from a real run:
///   README_UPDATE=1 dotnet test tests/LedgerCluster.EndToEnd.Tests -c Release --no-build --filter FullyQualifiedName~ReadmeTests
/// rewrites every session's output with the real one (tokens already matching stay as the README shows them), then
/// read the diff. Without README_UPDATE the test fails at the first command whose output or exit code differs; with it,
/// still at the first whose exit code differs.
/// </summary>
public sealed partial class ReadmeTests(ITestOutputHelper log)
{
    private const string ShownClone = "/home/me/LedgerCluster";
    private const int DefaultPort = 8080;

    /// <summary>Commands shown with the output of a real but long, timed run: never re-run here, and why.</summary>
    private static readonly (string Prefix, string Why)[] Measurements =
    [
        ("dotnet run -c Release --project client -- bench", "a timed ingest benchmark of minutes; its figures change every run"),
        ("ledger bench export", "a timed export benchmark over 100,000 task results; its figures change every run"),
        ("deploy/bench-cluster.sh", "starts a cluster per silo count and runs a timed benchmark against each; minutes, figures change every run"),
    ];

    private readonly Dictionary<int, int> _ports = [];

    [ReadmeFact]
    public async Task The_readme_sessions_run_as_written_in_a_fresh_clone()
    {
        var readmePath = RepoPaths.Path("README.md");
        var readme = ReadmeDocument.Parse(await File.ReadAllTextAsync(readmePath));
        var unrun = readme.Blocks.Where(b => !b.IsSession).SelectMany(b => b.Lines.Select((l, i) => (Line: b.Line + 1 + i, Text: l)))
            .Where(l => l.Text.StartsWith("$ ", StringComparison.Ordinal) && !Measurements.Any(m => l.Text[2..].StartsWith(m.Prefix, StringComparison.Ordinal)))
            .Select(l => $"README.md line {l.Line}: `{l.Text}` is in a block the test does not run; make it a ```console session").ToList();
        Assert.True(unrun.Count == 0, string.Join("\n", unrun));
        var sessions = readme.Blocks.Where(b => b.IsSession).ToList();
        Assert.NotEmpty(sessions);

        var update = Environment.GetEnvironmentVariable("README_UPDATE") == "1";
        using var clone = new FreshClone(ReadmeFactAttribute.SharedDirectory!);
        var tokens = new VolatileTokens(KnownAnswers(clone));
        var rewritten = new Dictionary<int, IReadOnlyList<string>>();
        var jobs = 0;
        await using (var shell = new ReadmeShell(clone.Directory, clone.Environment))
        {
            foreach (var block in sessions)
            {
                var newLines = new List<string>();
                foreach (var command in block.Commands())
                {
                    var script = ToReal(tokens.ToReal(command.Script));
                    var shown = TrimEnd(command.ShownOutput);
                    var timeout = TimeSpan.FromSeconds(180);
                    int exitCode;
                    List<string> output;
                    if (command.Interrupted)
                        (exitCode, output) = (command.ExpectedExitCode, await shell.RunUntilInterruptAsync(script, shown.Count, timeout));
                    else if (command.Background)
                        (exitCode, output) = await shell.StartJobAsync(script, shown.Count, Path.Combine(clone.Root, $"job-{++jobs}.log"), timeout);
                    else
                        (exitCode, output) = await shell.RunAsync(script, timeout);
                    var real = TrimEnd(output.Where(l => !ProgressLine().IsMatch(l)).Select(RealToShown(clone)).ToList());

                    var mismatch = exitCode != command.ExpectedExitCode ? $"exit code {exitCode}, README shows {command.ExpectedExitCode}" : Compare(tokens, shown, real);
                    newLines.Add("$ " + command.Text);
                    if (mismatch is null) newLines.AddRange(command.Shown);
                    else
                    {
                        // Updating rewrites what a command prints, never a command that fails: its exit code must hold either way.
                        if (!update || exitCode != command.ExpectedExitCode)
                            Assert.Fail($"README.md line {command.Line}: `{command.Text}` (ran as `{script}`): {mismatch}\n--- README shows:\n{string.Join("\n", shown)}\n--- real output:\n{string.Join("\n", real)}");
                        newLines.AddRange(real.Select(tokens.ToShown));
                        if (command.Interrupted) newLines.Add("^C");
                    }
                }
                rewritten[block.Line] = newLines;
            }
        }
        log.WriteLine($"{tokens.Count} fresh values (keys, signatures) stood in for the ones the README shows");
        // What the servers printed after their shown lines (while stopping, say) is no command's output: shown here, not compared.
        foreach (var job in Directory.EnumerateFiles(clone.Root, "job-*.log").Order())
            log.WriteLine($"{Path.GetFileName(job)}:\n{await File.ReadAllTextAsync(job)}");
        if (update) await File.WriteAllTextAsync(readmePath, readme.WithBlocks(rewritten));
    }

    /// <summary>Null when every real line matches its shown line (binding fresh tokens), else the first difference.</summary>
    private static string? Compare(VolatileTokens tokens, IReadOnlyList<string> shown, IReadOnlyList<string> real)
    {
        for (var i = 0; i < Math.Max(shown.Count, real.Count); i++)
        {
            if (i >= shown.Count) return $"line {i + 1} is not shown: {real[i]}";
            if (i >= real.Count) return $"line {i + 1} is not printed: {shown[i]}";
            if (tokens.Match(shown[i], real[i]) is { } why) return $"line {i + 1}: {why}\n  shown: {shown[i]}\n  real:  {real[i]}";
        }
        return null;
    }

    /// <summary>Record ids that are known answers: the bundled example records and the verievals known-answer records.</summary>
    private static HashSet<string> KnownAnswers(FreshClone clone)
    {
        var folders = new[] { Path.Combine(clone.Directory, "examples", "records"), Path.Combine(clone.Root, "shared", "verievals", "kat", "records") };
        return folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.json"))
            .Select(f => Path.GetFileNameWithoutExtension(f)).SelectMany(id => new[] { id, id[..Math.Min(12, id.Length)] }).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A README command as this session runs it: the built `ledger` for `dotnet run --project client --`, free ports.</summary>
    private string ToReal(string command)
    {
        const string dotnetRun = "dotnet run --project client -- ";
        if (command.StartsWith(dotnetRun, StringComparison.Ordinal)) command = "ledger " + command[dotnetRun.Length..];
        if (DefaultPortCommand().IsMatch(command) && !command.Contains("--port", StringComparison.Ordinal))
            command = DefaultPortCommand().Replace(command, m => $"{m.Value} --port {DefaultPort}", 1);
        return PortInCommand().Replace(command, m => m.Groups[1].Value + Port(int.Parse(m.Groups[2].Value)));
    }

    /// <summary>A real output line in README terms: the clone's path and the README's ports.</summary>
    private Func<string, string> RealToShown(FreshClone clone) => line =>
    {
        line = line.Replace(clone.Directory, ShownClone, StringComparison.Ordinal).Replace(clone.Root, Path.GetDirectoryName(ShownClone)!, StringComparison.Ordinal);
        var back = _ports.ToDictionary(p => p.Value, p => p.Key);
        return PortInOutput().Replace(line, m => m.Groups[1].Value + (back.TryGetValue(int.Parse(m.Groups[2].Value), out var shown) ? shown : int.Parse(m.Groups[2].Value))).TrimEnd();
    };

    private int Port(int shown)
    {
        if (_ports.TryGetValue(shown, out var real)) return real;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        real = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return _ports[shown] = real;
    }

    private static List<string> TrimEnd(IReadOnlyList<string> lines)
    {
        var list = lines.ToList();
        while (list.Count > 0 && list[^1].Length == 0) list.RemoveAt(list.Count - 1);
        return list;
    }

    /// <summary>
    /// The plain progress lines `ledger` writes to stderr when it has no terminal (on one, a progress bar): at most one a
    /// tenth of the work, so how many depends on timing. Not shown, not compared.
    /// </summary>
    [GeneratedRegex(@"^(\S+@\S+: \d+/\d+ tasks, \d+ passed|export: \d+/\d+ records, \d+ results, \d+ examples|fsck: \d+/\d+ leaves checked)$")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^ledger (demo|serve)\b")]
    private static partial Regex DefaultPortCommand();

    [GeneratedRegex(@"(127\.0\.0\.1:|localhost:|--port |--silo-port |--gateway-port )(\d{2,5})\b")]
    private static partial Regex PortInCommand();

    // A refusal names the flag with the port it was given ("--port 8080: ... already in use").
    [GeneratedRegex(@"(127\.0\.0\.1:|localhost:|--port |--silo-port |--gateway-port )(\d{2,5})\b")]
    private static partial Regex PortInOutput();
}
