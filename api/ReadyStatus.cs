using System.Text.Json.Serialization;

namespace LedgerCluster.Api;

/// <summary>`GET /health/ready`: `{status: "ready", shard0_size}` once the cluster serves a shard.</summary>
public sealed record ReadyStatus(string Status, [property: JsonPropertyName("shard0_size")] long Shard0Size);
