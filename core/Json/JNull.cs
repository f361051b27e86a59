namespace LedgerCluster.Core.Json;

public sealed record JNull : JValue
{
    public static readonly JNull Instance = new();
    private JNull() { }
    public override string Kind => "null";
    public override string ToString() => "null";
}
