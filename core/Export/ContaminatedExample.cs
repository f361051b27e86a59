using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export;

/// <summary>An example left out because its text holds an item of a held-out benchmark.</summary>
public sealed record ContaminatedExample(string RecordId, string TaskId, HeldOutMatch Match)
{
    public JObject ToJson() => new()
    {
        { "record_id", RecordId }, { "task_id", TaskId }, { "held_out_benchmark", Match.Benchmark },
        { "held_out_item", Match.ItemId }, { "held_out_item_number", Match.ItemNumber }, { "containment", Match.Containment },
    };
}
