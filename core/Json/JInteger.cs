using System.Numerics;

namespace LedgerCluster.Core.Json;

/// <summary>An integer of any size (Python ints are unbounded).</summary>
public sealed record JInteger(BigInteger Value) : JValue
{
    public override string Kind => "int";
    public override string ToString() => CanonicalJson.Serialize(this);
}
