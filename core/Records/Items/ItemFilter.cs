namespace LedgerCluster.Core.Records.Items;

/// <summary>Which of a record's results the record page lists.</summary>
public enum ItemFilter
{
    All,
    Failed,
    Truncated,
}
