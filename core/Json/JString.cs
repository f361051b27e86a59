namespace LedgerCluster.Core.Json;

public sealed record JString(string Value) : JValue
{
    public override string Kind => "string";
    public override string ToString() => CanonicalJson.Serialize(this);
}
