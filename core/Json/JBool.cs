namespace LedgerCluster.Core.Json;

public sealed record JBool(bool Value) : JValue
{
    public static readonly JBool True = new(true);
    public static readonly JBool False = new(false);
    public override string Kind => "bool";
    public override string ToString() => Value ? "true" : "false";
}
