using System.Text.Json.Serialization;

namespace LedgerCluster.Api;

/// <summary>
/// One entry of `GET /v1/shards`: FORMATS.md section 6's `{shard, origin, size, vkey}` (the note verifier key of the
/// shard's checkpoints), plus `witnessed_size`, the size of the latest checkpoint that meets the witness policy.
/// </summary>
public sealed record ShardDescription(int Shard, string Origin, long Size, [property: JsonPropertyName("vkey")] string VerifierKey, long WitnessedSize);
