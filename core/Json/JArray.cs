namespace LedgerCluster.Core.Json;

public sealed record JArray(IReadOnlyList<JValue> Items) : JValue
{
    public JArray(params JValue[] items) : this((IReadOnlyList<JValue>)items) { }
    public override string Kind => "array";
    public int Count => Items.Count;
    public JValue this[int index] => Items[index];
    public bool Equals(JArray? other) => other is not null && Items.SequenceEqual(other.Items);
    public override int GetHashCode() => Items.Count;
    public override string ToString() => CanonicalJson.Serialize(this);
}
