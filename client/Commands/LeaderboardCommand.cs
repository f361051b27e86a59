using System.CommandLine;
using System.Text.Json;
using LedgerCluster.Api.Rendering;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger leaderboard (--records DIR | --gateway URL) [--trust] [--format md|json|html] [--benchmark ID] [--top N]`: rank a
/// folder of records offline, or read a running cluster's board (its tiers include log inclusion and reproduction). Both
/// give the contract's <see cref="LeaderboardRow"/> and render it with the same writers as the gateway and its page.
/// `--top N` keeps the first N rows, and reads a gateway's board no further (a whole large board is many pages).
/// </summary>
public static class LeaderboardCommand
{
    public static Command Create(CliConsole console)
    {
        var records = new Option<string?>("--records") { Description = "Folder of run record JSON files (ranked offline)" };
        var gatewayUrl = GatewayOption.Create(required: false);
        gatewayUrl.Description = "Gateway URL of a running node: read its live trust leaderboard";
        var trust = new Option<bool>("--trust") { Description = "Rank by trust tier first (reproduced > verified > signed > self_reported)" };
        var format = new Option<string>("--format") { Description = "md, json or html", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var benchmark = new Option<string?>("--benchmark") { Description = "Only this benchmark id" };
        var top = new Option<int?>("--top") { Description = "Only the first N rows (a gateway's board is read no further)" };
        var json = CommonOptions.Json();
        var command = new Command("leaderboard", "Rank run records by the evidence behind them") { records, gatewayUrl, trust, format, benchmark, top, json };
        command.SetAction(async (parse, cancel) =>
        {
            var (dir, url) = (parse.GetValue(records), parse.GetValue(gatewayUrl));
            if ((dir is null) == (url is null)) throw new CliException("give exactly one of --records DIR or --gateway URL");
            var chosen = parse.GetValue(json) ? "json" : parse.GetRequiredValue(format);
            var first = parse.GetValue(top) ?? int.MaxValue;
            if (first < 1) throw new CliException($"--top: expected a positive number of rows, got {first}");
            var output = url is null
                ? Offline(console, dir!, parse.GetValue(trust), chosen, parse.GetValue(benchmark), first)
                : await FromGatewayAsync(url, parse.GetValue(trust), chosen, parse.GetValue(benchmark), first, cancel);
            console.Out.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> FromGatewayAsync(string url, bool trust, string format, string? benchmark, int top, CancellationToken cancel)
    {
        using var gateway = GatewayOption.Connect(url);
        var rows = await GatewayOption.Call(url, () => gateway.GetLeaderboardRowsAsync(benchmark, trust, cancel, top));
        var groups = format == "html" ? await GatewayOption.Call(url, () => gateway.GetLeaderboardGroupsAsync(benchmark, trust, cancel)) : [];
        return Render(rows, format, benchmark, groups);
    }

    private static string Offline(CliConsole console, string dir, bool trust, string format, string? benchmark, int top)
    {
        if (!Directory.Exists(dir)) throw new CliException($"--records: folder not found: {dir}");
        var records = new List<BoardRecord>();
        var counts = new Dictionary<string, (int Passed, int Tasks)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            JValue parsed;
            try { parsed = JsonParser.ParseFile(file); }
            catch (JsonParseException e) { console.Error.WriteLine($"ledger: skipping {file}: {e.Message}"); continue; }
            var report = RecordVerifier.Verify(parsed, VerificationInputs.None);
            try
            {
                var record = RunRecord.Read(parsed);
                if (benchmark is not null && record.Body.Benchmark.Id != benchmark) continue;
                // A record whose results repeat an item id cannot be paired: the board leaves it out of the tests, as the gateway does.
                var board = BoardRecord.From(record, report.Standing);
                records.Add(board.Items.Items.DistinctBy(i => i.Id).Count() == board.Items.Items.Count ? board : board with { Items = board.Items with { Items = [] } });
                counts[record.Id] = ((int)record.Body.Aggregate.Passed, (int)record.Body.Aggregate.NumTasks);
            }
            catch (RecordSchemaException e) { console.Error.WriteLine($"ledger: skipping {file}: {e.Message}"); }
        }
        // One board per benchmark content hash, each ranked on its own, in benchmark order: the gateway's overall view.
        var boards = records.GroupBy(r => r.BenchmarkContentHash, StringComparer.Ordinal)
            .Select(g => BoundedBoard<BoardRecord>.Rank([.. g], trust))
            .OrderBy(b => b.Lines[0].Entrant.Benchmark, StringComparer.Ordinal).ThenBy(b => b.Lines[0].Entrant.BenchmarkContentHash, StringComparer.Ordinal)
            .ToList();
        var rows = boards.SelectMany(b => b.Lines).Take(top).Select(l => LeaderboardRow.Of(l, counts[l.Entrant.RecordId].Passed, counts[l.Entrant.RecordId].Tasks)).ToArray();
        var groups = boards.Select(b => new LeaderboardGroup(b.Lines[0].Entrant.Benchmark, b.Lines[0].Entrant.BenchmarkContentHash, b.Lines.Count,
            b.Lines[0].Entrant.RecordId, b.TestedRows, b.CommonProtocol?.Hash, new LeaderboardPower(b.Power.Items,
                b.Power.Discordance is { } d ? Math.Round(d, 4) : null, b.Power.MinimumDetectableDifference is { } m ? Math.Round(m, 4) : null))).ToArray();
        return Render(rows, format, benchmark, groups);
    }

    private static string Render(LeaderboardRow[] rows, string format, string? benchmark, LeaderboardGroup[] groups) => format switch
    {
        "json" => JsonSerializer.Serialize(rows, LedgerApiJson.Indented.LeaderboardRowArray) + "\n",
        "html" => StaticPage(rows, benchmark, groups),
        _ => LeaderboardMarkdown.Write(rows),
    };

    // A static copy of every row (the live page pages and follows the event stream; a saved file can do neither).
    private static string StaticPage(LeaderboardRow[] rows, string? benchmark, LeaderboardGroup[] groups)
    {
        var benchmarks = rows.GroupBy(e => e.Benchmark[..e.Benchmark.LastIndexOf('@')], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
        return LeaderboardPage.Render(rows, rows.Length, benchmarks, benchmark, 0, live: false, groups) + "\n";
    }
}
