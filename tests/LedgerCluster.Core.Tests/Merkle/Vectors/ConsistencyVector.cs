using System.Text.Json.Serialization;

namespace LedgerCluster.Core.Tests.Merkle.Vectors;

/// <summary>One `consistency/**.json` case of the transparency-dev corpus (tlog-testdata README §3.2).</summary>
public sealed record ConsistencyVector(
    [property: JsonPropertyName("size1")] ulong Size1,
    [property: JsonPropertyName("size2")] ulong Size2,
    [property: JsonPropertyName("root1")] byte[] Root1,
    [property: JsonPropertyName("root2")] byte[] Root2,
    [property: JsonPropertyName("proof")] byte[][]? Proof,
    [property: JsonPropertyName("desc")] string Desc,
    [property: JsonPropertyName("wantErr")] bool WantErr);
