namespace LedgerCluster.Core.Notes;

/// <summary>A witness whose cosignature/v1 on a checkpoint verified, and the time it claims to have signed at.</summary>
public sealed record WitnessCosignature(NoteVerifierKey Witness, ulong Timestamp)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(Timestamp, (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
}
