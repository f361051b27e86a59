namespace LedgerCluster.Api;

/// <summary>`POST /v1/records/{id}/attestations`: which policy witnesses signed the note, and whether any was new.</summary>
public sealed record AttestationReceipt(string RecordId, string Statement, string[] Attesters, bool Added);
