using System.Text.Json.Serialization;

namespace LedgerCluster.Core.Tests.Merkle.Vectors;

/// <summary>One `subtreeconsistency/**.json` case of the transparency-dev corpus (tlog-testdata README §3.4).</summary>
public sealed record SubtreeConsistencyVector(
    [property: JsonPropertyName("start")] ulong Start,
    [property: JsonPropertyName("end")] ulong End,
    [property: JsonPropertyName("size")] ulong Size,
    [property: JsonPropertyName("root1")] byte[] Root1,
    [property: JsonPropertyName("root2")] byte[] Root2,
    [property: JsonPropertyName("proof")] byte[][]? Proof,
    [property: JsonPropertyName("desc")] string Desc,
    [property: JsonPropertyName("wantErr")] bool WantErr);
