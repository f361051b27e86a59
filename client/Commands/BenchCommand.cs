using System.CommandLine;
using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger bench`: measures ingest (one record per request, and NDJSON batches) against the Ed25519 verify rate of
/// this machine, with submit-to-proof latency percentiles, and checks a sample of the returned proofs; with
/// --board-records, how fast the board reads while records keep arriving.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var gateway = new Option<string[]>("--gateway", "-g")
        {
            Description = "Gateway to load, e.g. http://127.0.0.1:8080; several gateways of one cluster (comma-separated or repeated) take the requests round-robin and are also reported one by one (default: start an embedded node on a free loopback port with a fresh temporary data directory, removed afterwards)",
        };
        var records = new Option<int>("--records", "-n") { Description = "Distinct signed records each phase submits (generated and signed before timing)", DefaultValueFactory = _ => 20_000 };
        var mode = new Option<string>("--mode") { Description = "single: one record per request; batch: NDJSON batches; both; none: skip the ingest phases (with --board-records)", DefaultValueFactory = _ => "both" };
        mode.AcceptOnlyFromAmong("single", "batch", "both", "none");
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent clients in the single phase, one request in flight each", DefaultValueFactory = _ => 64 };
        var batchSize = new Option<int>("--batch-size", "-b") { Description = "Records per NDJSON batch in the batch phase", DefaultValueFactory = _ => 1000 };
        var batchConcurrency = new Option<int>("--batch-concurrency") { Description = "Batch requests in flight at once in the batch phase", DefaultValueFactory = _ => 4 };
        var duration = new Option<double>("--duration-limit") { Description = "Seconds after which a phase stops sending and reports what it finished", DefaultValueFactory = _ => 30 };
        var verifySeconds = new Option<double>("--verify-seconds") { Description = "Seconds for each Ed25519 verify-rate probe (one core, then all cores)", DefaultValueFactory = _ => 1 };
        var shards = new Option<int>("--shards") { Description = "Shards of the embedded node (ignored with --gateway)", DefaultValueFactory = _ => 4 };
        var histogram = new Option<string?>("--histogram") { Description = "Write the latency histogram to FILE.svg (a bar chart per phase) or FILE.csv" };
        var witnessed = new Option<int>("--witnessed") { Description = "Also measure submit-to-witnessed latency over this many records on an embedded node with a 2-of-3 hosted witness policy (0: skip)", DefaultValueFactory = _ => 0 };
        var largeBatch = new Option<int>("--large-batch")
        {
            Description = "Also post one chunked NDJSON batch of this many MiB to a fresh embedded node and report how far the node's memory rose (0: skip)",
            DefaultValueFactory = _ => 0,
        };
        var scale = new Option<string?>("--scale")
        {
            Description = "Instead of the phases: for each of these record counts (comma-separated, e.g. 100000,1000000), ingest that many into a fresh embedded SQLite node, restart it, and report bytes per entry, resident memory after ingest and after the restart, and the restart's activation time, with the largest/smallest ratios",
        };
        var boardRecords = new Option<int>("--board-records")
        {
            Description = "Also fill a board (of a fresh embedded node, or of --gateway) with this many signed records over a few benchmarks and models, then time " +
                          "GET /v1/leaderboard?limit=50 and the board page idle, while batches keep arriving at full speed (--batch-size, --batch-concurrency), and idle again (0: skip)",
            DefaultValueFactory = _ => 0,
        };
        var boardReads = new Option<int>("--board-reads") { Description = "Reads of each board endpoint in each condition of --board-records", DefaultValueFactory = _ => 300 };
        var stores = new Option<string[]>("--stores")
        {
            Description = "Run the same phases against an embedded node on each of these stores in turn and report them side by side with each one's ratio to SQLite: sqlite, azurite (comma-separated; azurite starts its own in-memory Azurite on free ports and stops it afterwards)",
        };
        var json = CommonOptions.Json();
        var command = new Command("bench",
            "Measure ingest throughput and submit-to-proof latency against the Ed25519 verify rate of this machine.\n" +
            "Without --gateway it starts its own embedded node. Every answer is checked and a sample of the returned\n" +
            "proofs is verified (checkpoint signature and inclusion), so speed is never reported for wrong answers.\n" +
            "Exit code 1 when any request failed or any proof did not verify; missed targets are reported, not failed.")
        {
            gateway, records, mode, concurrency, batchSize, batchConcurrency, duration, verifySeconds, shards, histogram, witnessed, largeBatch, boardRecords, boardReads, stores, scale, json,
        };
        command.Subcommands.Add(ExportBenchCommand.Create(console));
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(scale) is { } scaleText) return await ScaleAsync(console, parse, scaleText, shards, batchSize, batchConcurrency, json, cancel);
            var settings = Settings(parse, gateway, records, mode, concurrency, batchSize, batchConcurrency, duration, verifySeconds, shards, histogram) with
            {
                BoardRecords = parse.GetValue(boardRecords) is var fill and >= 0 and <= 10_000_000
                    ? fill : throw new CliException($"--board-records: must be between 0 and 10,000,000, got {parse.GetValue(boardRecords)}"),
                BoardReads = Positive(parse.GetValue(boardReads), "--board-reads", 100_000),
            };
            var ingestPhases = settings.Single || settings.Batch;
            if (!ingestPhases && settings.BoardRecords == 0) throw new CliException("--mode none: runs nothing without --board-records");
            var witnessCount = parse.GetValue(witnessed);
            if (witnessCount is < 0 or > 100_000) throw new CliException($"--witnessed: must be between 0 and 100,000, got {witnessCount}");
            var largeBatchMiB = parse.GetValue(largeBatch);
            if (largeBatchMiB is < 0 or > 65_536) throw new CliException($"--large-batch: must be between 0 and 65,536 MiB, got {largeBatchMiB}");
            var asJson = parse.GetValue(json);
            settings = settings with { Stores = BenchStores.Parse(parse.GetValue(stores) ?? []) };
            if (settings.Stores.Count > 0)
            {
                if (settings.Gateways.Count > 0) throw new CliException("--stores starts its own nodes: give it or --gateway, not both");
                if (witnessCount > 0 || largeBatchMiB > 0 || settings.BoardRecords > 0) throw new CliException("--stores: run --witnessed, --large-batch and --board-records separately");
                return await CompareStoresAsync(console, settings, asJson, cancel);
            }
            var url = settings.Gateways.Count > 0 ? string.Join(", ", settings.Gateways) : "the embedded node";
            var (report, board) = await GatewayOption.Call(url, () => BenchProgress.RunAsync(console, !asJson, async step =>
                (ingestPhases ? await BenchRunner.RunAsync(settings, step, cancel) : null,
                 settings.BoardRecords > 0 ? await BoardLoadProbe.RunAsync(settings, step, cancel) : null)));
            if (settings.Histogram is { } path && report is not null) HistogramWriter.Write(path, report.Phases);
            var witnessing = witnessCount > 0 ? await WitnessedLatencyProbe.RunAsync(witnessCount, settings.Shards, cancel) : null;
            var large = largeBatchMiB > 0 ? await LargeBatchProbe.RunAsync(largeBatchMiB, settings.Shards, cancel) : null;
            if (asJson)
            {
                var output = report?.ToJson() ?? new JObject { { "passed", board!.Passed } };
                if (board is not null) output.Add("board", board.ToJson());
                if (witnessing is not null) output.Add("witnessed", witnessing.ToJson());
                if (large is not null) output.Add("large_batch", large.ToJson());
                console.WriteJson(output);
            }
            else
            {
                foreach (var line in report?.Lines() ?? []) console.Out.WriteLine(line);
                foreach (var line in board?.Lines() ?? []) console.Out.WriteLine(line);
                if (witnessing is not null) console.Out.WriteLine(witnessing.Line());
                if (large is not null) console.Out.WriteLine(large.Line());
                if (settings.Histogram is not null) console.Out.WriteLine($"histogram: {Path.GetFullPath(settings.Histogram)}");
            }
            return report?.Passed != false && board?.Passed != false && large?.Passed != false ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    private static async Task<int> CompareStoresAsync(CliConsole console, BenchSettings settings, bool asJson, CancellationToken cancel)
    {
        var comparison = await BenchProgress.RunAsync(console, !asJson, step => BenchRunner.CompareStoresAsync(settings, step, cancel));
        if (settings.Histogram is { } path)
            HistogramWriter.Write(path, comparison.Stores.SelectMany(s => s.Report.Phases.Select(p => p with { Mode = $"{s.Store} {p.Mode}" })).ToList());
        if (asJson) console.WriteJson(comparison.ToJson());
        else
        {
            foreach (var line in comparison.Lines()) console.Out.WriteLine(line);
            if (settings.Histogram is not null) console.Out.WriteLine($"histogram: {Path.GetFullPath(settings.Histogram)}");
        }
        return comparison.Passed ? ExitCodes.Ok : ExitCodes.NotVerified;
    }

    private static BenchSettings Settings(ParseResult parse, Option<string[]> gateway, Option<int> records, Option<string> mode, Option<int> concurrency,
        Option<int> batchSize, Option<int> batchConcurrency, Option<double> duration, Option<double> verifySeconds, Option<int> shards, Option<string?> histogram)
    {
        var urls = RoundRobin.Parse(parse.GetValue(gateway) ?? []);
        foreach (var url in urls)
            if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                throw new CliException($"--gateway: '{url}' is not an http(s) URL");
        if (parse.GetValue(gateway) is { Length: > 0 } && urls.Count == 0) throw new CliException("--gateway: no URL given");
        var path = parse.GetValue(histogram);
        if (path is not null && Path.GetExtension(path).ToLowerInvariant() is not (".svg" or ".csv"))
            throw new CliException($"--histogram: '{path}' must end in .svg or .csv");
        var m = parse.GetRequiredValue(mode);
        return new BenchSettings
        {
            Gateways = urls,
            Records = Positive(parse.GetValue(records), "--records", 10_000_000),
            Single = m is "single" or "both",
            Batch = m is "batch" or "both",
            Concurrency = Positive(parse.GetValue(concurrency), "--concurrency", 4096),
            BatchSize = Positive(parse.GetValue(batchSize), "--batch-size", 100_000),
            BatchConcurrency = Positive(parse.GetValue(batchConcurrency), "--batch-concurrency", 256),
            DurationLimit = Seconds(parse.GetValue(duration), "--duration-limit", 3600),
            VerifyProbe = Seconds(parse.GetValue(verifySeconds), "--verify-seconds", 60),
            Shards = Positive(parse.GetValue(shards), "--shards", 1024),
            Histogram = path,
        };
    }

    private static async Task<int> ScaleAsync(CliConsole console, ParseResult parse, string text, Option<int> shards, Option<int> batchSize,
        Option<int> batchConcurrency, Option<bool> json, CancellationToken cancel)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            sizes.Add(int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000_000
                ? n : throw new CliException($"--scale: '{part}' is not a record count between 1 and 10,000,000"));
        if (sizes.Count == 0) throw new CliException("--scale: no record count given");
        var report = await ScaleProbe.RunAsync(sizes, Positive(parse.GetValue(shards), "--shards", 1024), Positive(parse.GetValue(batchSize), "--batch-size", 100_000),
            Positive(parse.GetValue(batchConcurrency), "--batch-concurrency", 256), line => console.Error.WriteLine(line), cancel);
        if (parse.GetValue(json)) console.WriteJson(report.ToJson());
        else foreach (var line in report.Lines()) console.Out.WriteLine(line);
        return report.Passed ? ExitCodes.Ok : ExitCodes.NotVerified;
    }

    private static int Positive(int value, string option, int max) =>
        value >= 1 && value <= max ? value : throw new CliException($"{option}: must be between 1 and {max:N0}, got {value}");

    private static TimeSpan Seconds(double value, string option, double max) =>
        value > 0 && value <= max ? TimeSpan.FromSeconds(value) : throw new CliException($"{option}: must be more than 0 and at most {max} seconds, got {value}");
}
