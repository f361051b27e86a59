using System.Globalization;
using System.Text;
using LedgerCluster.Core.Log;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `GET /metrics` in the Prometheus text format: this gateway's intake, each shard's size, witnessed size and reproduction
/// backlog, and each witness's lag, so an operator sees ingest, batching and a witness falling behind before a record stays `signed`.
/// </summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (IGrainFactory grains, GatewayCounters counters, IOptions<LedgerOptions> ledger, IOptions<WitnessingOptions> witnessing) =>
        {
            var text = new StringBuilder();
            Metric(text, "ledger_gateway_records_acknowledged_total", "counter", "Records this gateway answered 200 or 202 for (newly logged or already in the log).",
                [("", counters.Acknowledged)]);
            Metric(text, "ledger_gateway_records_refused_total", "counter", "Records this gateway refused with a 4xx.", [("", counters.Refused)]);
            Metric(text, "ledger_gateway_batches_total", "counter", "NDJSON batch requests this gateway took in.", [("", counters.Batches)]);
            Metric(text, "ledger_gateway_batch_records_total", "counter", "Lines in those batches (divide by the batches for the mean batch size).",
                [("", counters.BatchRecords)]);

            var shards = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetInfo()));
            Metric(text, "ledger_shard_size", "gauge", "Leaves under the shard's latest signed checkpoint.",
                shards.Select(s => (Labels(("shard", s.Shard.ToString(CultureInfo.InvariantCulture)), ("origin", s.Origin)), s.Size)));
            Metric(text, "ledger_shard_witnessed_size", "gauge", "Size of the shard's latest checkpoint that meets the witness policy.",
                shards.Select(s => (ShardLabel(s.Shard), s.WitnessedSize)));
            Metric(text, "ledger_shard_unwitnessed_entries", "gauge", "Leaves still `signed`: signed size minus witnessed size.",
                shards.Select(s => (ShardLabel(s.Shard), s.Size - s.WitnessedSize)));
            var now = DateTimeOffset.UtcNow;
            Metric(text, "ledger_checkpoint_age_seconds", "gauge",
                "Seconds since the shard signed its latest checkpoint (an idle shard signs none, so alert on it with ledger_shard_waiting_entries > 0).",
                shards.Select(s => (ShardLabel(s.Shard), CheckpointFreshness.AgeSeconds(ShardSignings.Of(s), now))));
            Metric(text, "ledger_shard_waiting_entries", "gauge", "Appends the shard holds that no signed checkpoint covers yet.",
                shards.Select(s => (ShardLabel(s.Shard), s.WaitingEntries)));

            var backlogs = await Task.WhenAll(shards.Select(s => grains.GetGrain<IReproductionQueueGrain>(s.Shard).GetBacklog()));
            Metric(text, "ledger_reproduction_backlog", "gauge", "Leaves of the shard its reproduction queue has not taken care of yet (0 when every re-runnable record is re-run).",
                shards.Select((s, i) => (ShardLabel(s.Shard), backlogs[i])));

            if (witnessing.Value.Policy is not null)
            {
                var statuses = await Task.WhenAll(shards.Select(s => grains.GetGrain<IWitnessCoordinatorGrain>(s.Shard).GetStatus()));
                var progress = statuses.SelectMany(st => st.Witnesses.Select(w => (st.Shard, st.LatestSize, Witness: w))).ToList();
                Metric(text, "ledger_witness_cosigned_size", "gauge", "The last checkpoint size this witness cosigned for the shard.",
                    progress.Select(p => (WitnessLabels(p.Shard, p.Witness.Name), p.Witness.CosignedSize)));
                Metric(text, "ledger_witness_lag_entries", "gauge", "Leaves the witness has not cosigned yet: the shard's latest size minus its cosigned size.",
                    progress.Select(p => (WitnessLabels(p.Shard, p.Witness.Name), Math.Max(0, p.LatestSize - p.Witness.CosignedSize))));
                Metric(text, "ledger_witness_up", "gauge", "1 when the witness's last answer was a cosignature, else 0.",
                    progress.Select(p => (WitnessLabels(p.Shard, p.Witness.Name), p.Witness.Healthy ? 1L : 0L)));
            }
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        }).AnswersText(ContractMetadata.Text).Refuses();
        return app;
    }

    private static void Metric(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, long Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in samples) text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string ShardLabel(int shard) => Labels(("shard", shard.ToString(CultureInfo.InvariantCulture)));

    private static string WitnessLabels(int shard, string witness) => Labels(("shard", shard.ToString(CultureInfo.InvariantCulture)), ("witness", witness));

    // Label values come from configuration (origins, witness names): escaped as the text format requires.
    private static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"")) + "}";
}
