using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Tests.Verification;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>`ledger bench` end to end against the node it starts, and its parts; behaviour only, never timings.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task A_tiny_run_against_its_own_node_reports_rates_errors_and_verified_proofs()
    {
        using var dir = new TempDir();
        var svg = dir.File("latency.svg");
        var run = await CliRun.Of("bench", "--records", "200", "--mode", "both", "--concurrency", "8", "--batch-size", "50",
            "--batch-concurrency", "2", "--verify-seconds", "0.3", "--histogram", svg, "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);

        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.True(Bool(report["passed"]));
        Assert.True(Bool(report["embedded"]));
        Assert.True(Int(((JObject)report["machine"]!)["cores"]) >= 1);
        Assert.False(string.IsNullOrWhiteSpace(Kat.Str(((JObject)report["machine"]!)["cpu"])));
        var verify = (JObject)report["ed25519_verify_per_s"]!;
        Assert.True(Number(verify["single_core"]) > 0 && Number(verify["all_cores"]) > 0);

        var phases = ((JArray)report["phases"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(["single", "batch"], phases.Select(p => Kat.Str(p["mode"])));
        foreach (var phase in phases)
        {
            Assert.Equal(200, Int(phase["accepted"]));
            Assert.Equal(0, Int(phase["errors"]));
            Assert.True(Number(phase["records_per_s"]) > 0);
            var latency = (JObject)phase["latency_ms"]!;
            Assert.True(Number(latency["p50"]) > 0 && Number(latency["p50"]) <= Number(latency["p99"]) && Number(latency["p99"]) <= Number(latency["max"]));
            var proofs = (JObject)phase["proofs"]!;
            Assert.True(Int(proofs["checked"]) > 0);
            Assert.Equal(Int(proofs["checked"]), Int(proofs["verified"]));
            Assert.Equal(0, Int(proofs["failed"]));
        }
        var log = (JObject)report["log"]!;
        Assert.Equal(400, Int(log["leaves_added"]));
        Assert.True(Bool(log["one_leaf_per_record"]));
        Assert.Contains(((JArray)report["targets"]!).Items.Cast<JObject>(), t => Kat.Str(t["name"]) == "ingest_vs_verify");

        var picture = File.ReadAllText(svg);
        Assert.StartsWith("<svg", picture, StringComparison.Ordinal);
        Assert.Contains("single: latency", picture, StringComparison.Ordinal);
        Assert.Contains("batch: latency", picture, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "fast")]
    [InlineData("--records", "0")]
    [InlineData("--histogram", "latency.png")]
    [InlineData("--gateway", "ftp://127.0.0.1:1")]
    [InlineData("--duration-limit", "-1")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var run = await CliRun.Of("bench", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ledger: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_records_are_distinct_signed_and_valid()
    {
        var records = RecordGenerator.Generate(40, 3, "test-run");
        Assert.Equal(40, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(3, records.Select(r => Convert.ToHexString(r.PublicKey)).Distinct().Count());
        foreach (var r in records)
        {
            Assert.DoesNotContain((byte)'\n', r.Json);
            var record = RunRecord.Parse(r.Json);
            Assert.Equal(r.Id, record.RecomputeContentHash());
            Assert.True(record.SignatureHolds());
            Assert.InRange(record.Body.Results.Count, 3, 5);
        }
    }

    [Fact]
    public void The_proof_checker_accepts_a_true_proof_and_rejects_tampered_ones()
    {
        var records = RecordGenerator.Generate(5, 1, "proof-test").Select(r => RunRecord.Parse(r.Json)).ToArray();
        var log = new OfflineLog(records);
        var checkpoint = log.Checkpoint().Format();
        var shards = new[] { new ShardDescription(0, OfflineLog.Origin, (long)log.Tree.Size, log.LogSigner.VerifierKey.ToString(), (long)log.Tree.Size) };
        var checker = new ProofChecker(shards);
        Submission Answer(int index, IReadOnlyList<byte[]> proof, string note) =>
            new(records[index].Id, 0, index, "verified", note, proof, false, 200, null, null);
        var proof3 = log.Tree.InclusionProof(3, log.Tree.Size);

        Assert.Null(checker.Problem(records[3].Id, Answer(3, proof3, checkpoint)));

        var flipped = proof3.Select(h => (byte[])h.Clone()).ToArray();
        flipped[0][0] ^= 1;
        Assert.Contains("inclusion proof", checker.Problem(records[3].Id, Answer(3, flipped, checkpoint)), StringComparison.Ordinal);
        Assert.NotNull(checker.Problem(records[3].Id, Answer(2, proof3, checkpoint)));

        var stranger = new NoteSigner(OfflineLog.Origin, Ed25519KeyPair.FromSeed(ContentHash.Sha256("someone else"u8)));
        var forged = SignedNote.Sign(Checkpoint.Parse(SignedNote.Parse(checkpoint).Text).ToNoteText(), stranger).Format();
        Assert.Contains("checkpoint signature", checker.Problem(records[3].Id, Answer(3, proof3, forged)), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_csv_has_every_bin_and_counts_every_request()
    {
        var latencies = Enumerable.Range(1, 500).Select(i => i * 0.1).Append(1000.0).ToArray();
        var phase = new PhaseResult("single", 8, 1, 501, 501, 501, new ErrorTally(), 1, 1, 0, LatencyStats.Of(latencies), latencies, []);
        var csv = HistogramWriter.Csv([LatencyHistogram.Of(phase)]).TrimEnd().Split('\n');
        Assert.Equal("phase,bin_low_ms,bin_high_ms,count", csv[0]);
        Assert.Equal(LatencyHistogram.Bins, csv.Length - 1);
        Assert.Equal(501, csv.Skip(1).Sum(line => int.Parse(line.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.EndsWith(",1000,1", csv[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Gateways_split_on_commas_and_repeats_and_results_split_back_per_gateway()
    {
        Assert.Equal(["http://a:1", "http://b:2", "http://c:3", "http://a:1"],
            RoundRobin.Parse(["http://a:1,http://b:2", " http://c:3 ,", "http://a:1"]));
        Assert.Equal([0, 1, 2, 0, 1], Enumerable.Range(0, 5).Select(r => RoundRobin.Of(r, 3)));

        // Seven batch-like requests over three gateways: r goes to r mod 3. Request 4 failed half (so its latency
        // does not count), request 6 (gateway 0's third turn) was never sent.
        int[] sent = [10, 10, 10, 10, 10, 10, 0], accepted = [10, 10, 10, 10, 5, 10, 0];
        bool[] timed = [true, true, true, true, false, true, false];
        double[] ms = [1, 2, 3, 4, 99, 6, 0];
        var shares = RoundRobin.Split(["g0", "g1", "g2"], 2.0, sent, accepted, timed, ms);

        Assert.Equal(["g0", "g1", "g2"], shares.Select(s => s.Gateway));
        Assert.Equal([20, 20, 20], shares.Select(s => s.Sent));
        Assert.Equal([20, 15, 20], shares.Select(s => s.Accepted));
        Assert.Equal([0, 5, 0], shares.Select(s => s.Failed));
        Assert.Equal([10.0, 7.5, 10.0], shares.Select(s => s.RecordsPerSecond));
        Assert.Equal(accepted.Sum() / 2.0, shares.Sum(s => s.RecordsPerSecond));
        Assert.Equal([2, 1, 2], shares.Select(s => s.Latency.Count));
        Assert.Equal(4, shares[0].Latency.Max);
        Assert.Equal(2, shares[1].Latency.Max);
        Assert.Equal(6, shares[2].Latency.Max);
    }

    [Fact]
    public async Task A_tiny_run_round_robin_over_the_same_gateway_twice_reports_each_share()
    {
        await using var node = await EmbeddedNode.StartAsync(4, CancellationToken.None);
        var run = await CliRun.Of("bench", "--gateway", $"{node.Url},{node.Url}", "--records", "120", "--mode", "both", "--concurrency", "4",
            "--batch-size", "20", "--batch-concurrency", "2", "--verify-seconds", "0.2", "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);

        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.True(Bool(report["passed"]));
        Assert.False(Bool(report["embedded"]));
        Assert.Equal(2, ((JArray)report["gateways"]!).Items.Count);
        foreach (var phase in ((JArray)report["phases"]!).Items.Cast<JObject>())
        {
            Assert.Equal(120, Int(phase["accepted"]));
            Assert.Equal(Int(((JObject)phase["proofs"]!)["checked"]), Int(((JObject)phase["proofs"]!)["verified"]));
            var shares = ((JArray)phase["per_gateway"]!).Items.Cast<JObject>().ToList();
            Assert.Equal(2, shares.Count);
            Assert.All(shares, g => Assert.Equal(60, Int(g["accepted"])));
            Assert.All(shares, g => Assert.True(Number(g["records_per_s"]) > 0 && Number(((JObject)g["latency_ms"]!)["p50"]) > 0));
            Assert.Equal(Number(phase["records_per_s"]), shares.Sum(g => Number(g["records_per_s"])), 0.5);
        }

        var text = await CliRun.Of("bench", "--gateway", node.Url, "--gateway", node.Url, "--records", "40", "--mode", "single",
            "--concurrency", "2", "--verify-seconds", "0.1");
        Assert.True(text.ExitCode == 0, text.Error + text.Out);
        Assert.Contains("round-robin over 2 gateways", text.Out, StringComparison.Ordinal);
        Assert.Contains("per gateway", text.Out, StringComparison.Ordinal);
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
