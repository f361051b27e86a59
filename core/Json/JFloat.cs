namespace LedgerCluster.Core.Json;

/// <summary>A float; NaN and infinities cannot be canonically encoded and are rejected when serialized.</summary>
public sealed record JFloat(double Value) : JValue
{
    public override string Kind => "float";
    public override string ToString() => CanonicalJson.Serialize(this);
}
