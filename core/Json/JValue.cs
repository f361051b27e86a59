namespace LedgerCluster.Core.Json;

/// <summary>
/// A JSON value that keeps integers and floats apart (`1` and `1.0` are different values and hash differently),
/// as the verievals canonical form requires. System.Text.Json's node types blur that distinction.
/// </summary>
public abstract record JValue
{
    /// <summary>The JSON type name used in error messages ("object", "float", ...).</summary>
    public abstract string Kind { get; }

    public static implicit operator JValue(string value) => new JString(value);
    public static implicit operator JValue(long value) => new JInteger(value);
    public static implicit operator JValue(double value) => new JFloat(value);
    public static implicit operator JValue(bool value) => value ? JBool.True : JBool.False;

    public override string ToString() => CanonicalJson.Serialize(this);
}
