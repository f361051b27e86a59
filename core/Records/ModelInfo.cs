using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>The evaluated model and every decoding parameter sent to it.</summary>
public sealed record ModelInfo(string Provider, string Name, string Version, JObject Params, string? Snapshot = null)
{
    public JObject ToJson()
    {
        var json = new JObject { { "provider", Provider }, { "name", Name }, { "version", Version }, { "params", Params } };
        if (Snapshot is not null) json.Add("snapshot", Snapshot);
        return json;
    }

    public bool HasExtensions => Snapshot is not null;

    internal static ModelInfo Read(StrictObject o, bool extensions)
    {
        var result = new ModelInfo(o.String("provider"), o.String("name"), o.String("version"), o.Object("params"),
            extensions ? o.OptionalString("snapshot") : null);
        o.RejectUnknown(extensions ? null : ExtensionPolicy.NotInVerievalsSchema);
        return result;
    }
}
