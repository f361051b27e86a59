using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Tests.Verification;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>
/// `ledger bench --board-records N`: the board is filled with exactly N records over several benchmarks and models, read
/// idle, under ingest and idle again, and every figure is in the report. Behaviour and counts only, never timings.
/// </summary>
public sealed class BoardBenchTests
{
    private const int Fill = 600, Reads = 20;

    [Fact]
    public async Task A_small_board_run_fills_the_board_reads_it_three_ways_and_reports_every_figure()
    {
        var run = await CliRun.Of("bench", "--mode", "none", "--board-records", $"{Fill}", "--board-reads", $"{Reads}", "--batch-size", "50",
            "--batch-concurrency", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);

        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.True(Bool(report["passed"]));
        Assert.Null(report["phases"]); // --mode none: no ingest phases
        var board = (JObject)report["board"]!;
        Assert.True(Bool(board["passed"]));
        Assert.True(Bool(board["embedded"]));
        Assert.Equal(Fill, Int(board["records"]));
        Assert.Equal(4, Int(board["benchmarks"]));
        Assert.True(Int(((JObject)board["machine"]!)["cores"]) >= 1);

        var fill = (JObject)board["fill"]!;
        Assert.Equal(Fill, Int(fill["accepted"]));
        Assert.Equal(0, Int(fill["errors"]));
        Assert.Equal(50, Int(fill["batch_size"]));
        Assert.Equal(2, Int(fill["batches_in_flight"]));
        var ingest = (JObject)board["ingest_while_reading"]!;
        Assert.True(Int(ingest["accepted"]) > 0);
        Assert.Equal(0, Int(ingest["errors"]));
        Assert.True(Int(ingest["sent"]) <= Int(board["reserve"]));

        var rows = (JObject)board["rows"]!;
        Assert.Equal(0, Int(rows["at_start"]));
        Assert.Equal(Fill, Int(rows["after_fill"]));
        Assert.Equal(Fill + Int(ingest["accepted"]), Int(rows["expected_after_ingest"]));
        Assert.Equal(Int(rows["expected_after_ingest"]), Int(rows["after_ingest"]));
        Assert.True(Bool(rows["match"]));

        var reads = (JObject)board["reads"]!;
        foreach (var condition in new[] { "idle_before", "under_ingest", "idle_after" })
        {
            var set = (JObject)reads[condition]!;
            Assert.Equal(Reads, Int(set["requested_per_endpoint"]));
            foreach (var (endpoint, request) in new[] { ("api", "GET /v1/leaderboard?limit=50"), ("page", "GET /") })
            {
                var stats = (JObject)set[endpoint]!;
                Assert.Equal(request, Kat.Str(stats["request"]));
                Assert.Equal(0, Int(stats["errors"]));
                // Idle sets read exactly as often as asked; under ingest the reads stop early if the reserve runs low.
                if (condition == "under_ingest") Assert.InRange(Int(stats["count"]), 1, Reads);
                else Assert.Equal(Reads, Int(stats["count"]));
                Assert.True(Number(stats["p50_ms"]) > 0 && Number(stats["p50_ms"]) <= Number(stats["p99_ms"]) && Number(stats["p99_ms"]) <= Number(stats["max_ms"]));
            }
        }
        Assert.Equal(Fill, Int(((JObject)reads["idle_before"]!)["board_rows_first"]));
        Assert.Equal(Int(rows["after_ingest"]), Int(((JObject)reads["idle_after"]!)["board_rows_last"]));
        Assert.Equal(["board_api_p99_under_ingest", "board_page_p99_under_ingest"],
            ((JArray)board["targets"]!).Items.Cast<JObject>().Select(t => Kat.Str(t["name"])));
    }

    [Fact]
    public async Task Against_a_gateway_the_board_grows_by_the_records_spread_over_benchmarks_models_and_protocols()
    {
        await using var node = await EmbeddedNode.StartAsync(2, CancellationToken.None);
        var run = await CliRun.Of("bench", "--gateway", node.Url, "--mode", "none", "--board-records", "200", "--board-reads", "5",
            "--batch-size", "25", "--batch-concurrency", "2");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.Contains("board under load: 200 records over 4 benchmarks and 24 models", run.Out, StringComparison.Ordinal);
        Assert.Contains("fill: 200 accepted", run.Out, StringComparison.Ordinal);
        foreach (var condition in new[] { "idle_before", "under_ingest", "idle_after" })
        {
            Assert.Contains(condition.PadRight(13) + " GET /v1/leaderboard?limit=50 ", run.Out, StringComparison.Ordinal);
            Assert.Contains(condition.PadRight(13) + " GET /  ", run.Out, StringComparison.Ordinal);
        }
        Assert.Contains("p99 < 100 ms with ingest running", run.Out, StringComparison.Ordinal);
        Assert.Contains("Board: OK", run.Out, StringComparison.Ordinal);

        // The gateway's board holds the fill and what arrived while reading, over four benchmarks and every model.
        using var client = new LedgerGatewayClient(node.Url);
        var board = (await client.GetLeaderboardAsync()).Items.Cast<JObject>().ToList();
        Assert.True(board.Count > 200);
        Assert.Equal(4, board.Select(r => Kat.Str(r["benchmark"])).Distinct().Count());
        Assert.Equal(24, board.Select(r => Kat.Str(r["model"])).Distinct().Count());
    }

    [Fact]
    public void Board_records_spread_over_benchmarks_every_model_on_each_and_one_run_in_ten_at_another_max_tokens()
    {
        var records = RecordGenerator.Generate(96, 2, "mix-test", RecordMix.Board).Select(r => RunRecord.Parse(r.Json)).ToList();
        Assert.Equal(96, records.Select(r => r.Id).Distinct().Count());
        Assert.All(records, r => Assert.True(r.SignatureHolds()));
        var byBenchmark = records.GroupBy(r => r.Body.Benchmark.Id).ToList();
        Assert.Equal(["bench-arithmetic-1", "bench-arithmetic-2", "bench-arithmetic-3", "bench-arithmetic-4"], byBenchmark.Select(g => g.Key).Order());
        Assert.All(byBenchmark, g => Assert.Equal(24, g.Select(r => r.Body.Model.Name).Distinct().Count()));
        // Runs 9 and 19 of each benchmark's 24 run at max_tokens 8.
        Assert.Equal(8, records.Count(r => (long)((JInteger)r.Body.Model.Params["max_tokens"]!).Value == 8));
        // The ingest phases' records are as they were: one benchmark, 16 models, max_tokens 16.
        var ingest = RecordGenerator.Generate(32, 2, "ingest-test").Select(r => RunRecord.Parse(r.Json)).ToList();
        Assert.Equal(["bench-arithmetic"], ingest.Select(r => r.Body.Benchmark.Id).Distinct());
        Assert.Equal(16, ingest.Select(r => r.Body.Model.Name).Distinct().Count());
        Assert.All(ingest, r => Assert.Equal(16, (long)((JInteger)r.Body.Model.Params["max_tokens"]!).Value));
    }

    [Theory]
    [InlineData("--board-records", "-1", "--board-records")]
    [InlineData("--board-reads", "0", "--board-reads")]
    [InlineData("--mode", "none", "--mode none")]
    public async Task Bad_board_options_are_usage_errors(string option, string value, string named)
    {
        var run = await CliRun.Of("bench", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"ledger: {named}", run.Error, StringComparison.Ordinal);
    }

    private static bool Bool(JValue? v) => v is JBool { Value: true };

    private static long Int(JValue? v) => v is JInteger i ? (long)i.Value : throw new InvalidOperationException($"not an int: {v}");

    private static double Number(JValue? v) => v switch
    {
        JInteger i => (double)i.Value,
        JFloat f => f.Value,
        _ => throw new InvalidOperationException($"not a number: {v}"),
    };
}
