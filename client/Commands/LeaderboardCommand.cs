using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger leaderboard --records DIR [--trust] [--format md|json]`: rank a folder of records offline.</summary>
public static class LeaderboardCommand
{
    public static Command Create(CliConsole console)
    {
        var records = new Option<string>("--records") { Description = "Folder of run record JSON files", Required = true };
        var trust = new Option<bool>("--trust") { Description = "Rank by trust tier first (reproduced > verified > signed > self_reported)" };
        var format = new Option<string>("--format") { Description = "md or json", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json");
        var json = CommonOptions.Json();
        var command = new Command("leaderboard", "Rank run records by the evidence behind them") { records, trust, format, json };
        command.SetAction(parse =>
        {
            var dir = parse.GetRequiredValue(records);
            if (!Directory.Exists(dir)) throw new CliException($"--records: folder not found: {dir}");
            var candidates = new List<BoardCandidate>();
            foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                JValue parsed;
                try { parsed = JsonParser.ParseFile(file); }
                catch (JsonParseException e) { console.Error.WriteLine($"ledger: skipping {file}: {e.Message}"); continue; }
                var report = RecordVerifier.Verify(parsed, VerificationInputs.None);
                try { candidates.Add(BoardCandidate.From(Core.Records.RunRecord.Read(parsed), report.Tier)); }
                catch (Core.Records.RecordSchemaException e) { console.Error.WriteLine($"ledger: skipping {file}: {e.Message}"); }
            }
            var rows = BoardRanking.Rank(candidates, parse.GetValue(trust));
            if (parse.GetValue(json) || parse.GetValue(format) == "json") console.WriteJson(BoardRanking.ToJson(rows));
            else console.Out.Write(BoardRanking.ToMarkdown(rows));
            return ExitCodes.Ok;
        });
        return command;
    }
}
