using System.Text.Json;

namespace LedgerCluster.Api;

/// <summary>
/// `GET /v1/records/{id}`: the record as logged (byte for byte the same JSON value), its position, its tier with
/// `tier_reason` while it is `signed`, the attestations kept for it and the cluster's reproduction outcome, if any.
/// </summary>
public sealed record RecordResponse(string RecordId, int Shard, long Index, string Tier, string? TierReason, JsonElement Record,
    AttestationView[] Attestations, ReproductionView? Reproduction);
