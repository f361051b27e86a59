namespace LedgerCluster.Core.Records.Items;

/// <summary>
/// One result as the record page shows it: its 1-based position in the record, the result, and the finish reason
/// from the result or (for imported records) from model.params.item_facts.
/// </summary>
public sealed record RecordItem(int Number, TaskResult Result, string? FinishReason, bool Truncated);
