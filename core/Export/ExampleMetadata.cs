using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export;

/// <summary>
/// Where an example came from: the record and task, and the record's log position (null when it is not in a log),
/// so a trainer can follow any line back to a signed record and its inclusion proof.
/// </summary>
public sealed record ExampleMetadata(string RecordId, string TaskId, int? Shard, long? Index, string Benchmark, TrustTier Tier)
{
    public static ExampleMetadata Of(ExportRecord record, TaskResult result) => new(
        record.Record.Id, result.TaskId, record.Shard, record.Index,
        $"{record.Record.Body.Benchmark.Id}@{record.Record.Body.Benchmark.Version}", record.Tier);

    public JObject ToJson() => new()
    {
        { "record_id", RecordId }, { "task_id", TaskId },
        { "shard", Shard is { } s ? s : JNull.Instance }, { "index", Index is { } i ? i : JNull.Instance },
        { "benchmark", Benchmark }, { "tier", TrustTiers.Name(Tier) },
    };

    public static ExampleMetadata Read(JObject json)
    {
        var tier = json["tier"] is JString { Value: var name } && TrustTiers.TryParse(name, out var parsed) ? parsed : TrustTier.SelfReported;
        return new ExampleMetadata(Text(json, "record_id"), Text(json, "task_id"),
            json["shard"] is JInteger s ? (int)s.Value : null, json["index"] is JInteger i ? (long)i.Value : null, Text(json, "benchmark"), tier);
    }

    private static string Text(JObject json, string key) =>
        json[key] is JString s ? s.Value : throw new FormatException($"example metadata lacks \"{key}\"");
}
