using System.Text.Json.Serialization;

namespace LedgerCluster.Core.Tests.Merkle.Vectors;

/// <summary>One `subtreeinclusion/**.json` case of the transparency-dev corpus (tlog-testdata README §3.3).</summary>
public sealed record SubtreeInclusionVector(
    [property: JsonPropertyName("leafIdx")] ulong LeafIdx,
    [property: JsonPropertyName("start")] ulong Start,
    [property: JsonPropertyName("end")] ulong End,
    [property: JsonPropertyName("root")] byte[] Root,
    [property: JsonPropertyName("leafHash")] byte[] LeafHash,
    [property: JsonPropertyName("proof")] byte[][]? Proof,
    [property: JsonPropertyName("desc")] string Desc,
    [property: JsonPropertyName("wantErr")] bool WantErr);
