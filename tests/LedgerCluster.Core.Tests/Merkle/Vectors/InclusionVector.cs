using System.Text.Json.Serialization;

namespace LedgerCluster.Core.Tests.Merkle.Vectors;

/// <summary>One `inclusion/**.json` case of the transparency-dev corpus (tlog-testdata README §3.1).</summary>
public sealed record InclusionVector(
    [property: JsonPropertyName("leafIdx")] ulong LeafIdx,
    [property: JsonPropertyName("treeSize")] ulong TreeSize,
    [property: JsonPropertyName("root")] byte[] Root,
    [property: JsonPropertyName("leafHash")] byte[] LeafHash,
    [property: JsonPropertyName("proof")] byte[][]? Proof,
    [property: JsonPropertyName("desc")] string Desc,
    [property: JsonPropertyName("wantErr")] bool WantErr);
