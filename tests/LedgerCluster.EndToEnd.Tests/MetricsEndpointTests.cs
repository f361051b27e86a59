using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`GET /metrics`: the gateway's intake, shard sizes and witness progress, in the Prometheus text format.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_count_what_the_gateway_took_in_and_show_each_shard_and_witness()
    {
        using var dir = new TempDirectory();
        var witness = WitnessKeyFiles.Create("witness.test/a", dir.File("a"));
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 2, configure: o =>
        {
            o.WitnessPolicy = $"witness a {witness.VerifierKey}\nquorum a\n";
            o.HostedWitnesses["a"] = witness.KeyPath;
        });
        using var author = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(1, 4).Select(n => TestRecords.Make(author, n)).ToList();
        foreach (var record in records.Take(2)) await node.Client.SubmitAsync(TestRecords.Bytes(record));
        var answers = await node.Client.SubmitBatchAsync([.. records.Skip(2).Select(TestRecords.Bytes), Encoding.UTF8.GetBytes("{\"not\": \"a record\"}")]);
        Assert.Equal([200, 200, 400], answers.Select(a => a.Status));
        Assert.Equal(400, (await node.Client.SubmitAsync("{}"u8.ToArray())).Status);
        foreach (var record in records) await Eventually.Get(async () => (await node.Client.GetRecordAsync(record.Id))!, r => r["tier_reason"] is Core.Json.JNull or null, "witnessed");

        var metrics = Parse(await node.Client.GetTextAsync("metrics"));
        Assert.Equal(4, metrics["ledger_gateway_records_acknowledged_total"]);
        Assert.Equal(2, metrics["ledger_gateway_records_refused_total"]);
        Assert.Equal(1, metrics["ledger_gateway_batches_total"]);
        Assert.Equal(3, metrics["ledger_gateway_batch_records_total"]);
        var shards = await node.Client.GetShardsAsync();
        Assert.Equal(4, shards.Sum(s => metrics[$"ledger_shard_size{{shard=\"{s.Shard}\",origin=\"{s.Origin}\"}}"]));
        foreach (var shard in shards.Where(s => s.Size > 0))
        {
            Assert.Equal(shard.Size, metrics[$"ledger_shard_witnessed_size{{shard=\"{shard.Shard}\"}}"]);
            Assert.Equal(0, metrics[$"ledger_shard_unwitnessed_entries{{shard=\"{shard.Shard}\"}}"]);
            Assert.Equal(1, metrics[$"ledger_witness_up{{shard=\"{shard.Shard}\",witness=\"a\"}}"]);
            Assert.Equal(0, metrics[$"ledger_witness_lag_entries{{shard=\"{shard.Shard}\",witness=\"a\"}}"]);
        }
    }

    // Every sample line `name{labels} value`; HELP and TYPE comments must precede each family.
    private static Dictionary<string, long> Parse(string text)
    {
        var samples = new Dictionary<string, long>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal)) typed.Add(line.Split(' ')[2]);
            if (line.StartsWith('#')) continue;
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var name = series.Split('{')[0];
            Assert.Contains(name, typed);
            samples[series] = long.Parse(line[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
