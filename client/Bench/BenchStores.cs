using LedgerCluster.Client.Cli;

namespace LedgerCluster.Client.Bench;

/// <summary>The stores `ledger bench --stores` can start an embedded node on.</summary>
public static class BenchStores
{
    public const string Sqlite = "sqlite";
    public const string Azurite = "azurite";

    /// <summary>The stores named in `--stores` (comma-separated and/or repeated), in order, each once; a usage error for any other name.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values)
    {
        var stores = new List<string>();
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var store = name.ToLowerInvariant();
            if (store is not (Sqlite or Azurite)) throw new CliException($"--stores: '{name}' is not a store (use {Sqlite}, {Azurite} or both, comma-separated)");
            if (!stores.Contains(store)) stores.Add(store);
        }
        return stores;
    }
}
