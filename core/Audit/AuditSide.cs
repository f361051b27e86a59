namespace LedgerCluster.Core.Audit;

/// <summary>What one side of the audit was: its label, where it came from, how many items and recorded settings it had.</summary>
public sealed record AuditSide(string Label, string Source, int Items, int Settings)
{
    internal static AuditSide Of(PairedInput input) => new(input.Label, input.Source, input.Items.Count, input.Protocol.Count);
}
