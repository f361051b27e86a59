using System.Globalization;

namespace LedgerCluster.Core.Log;

/// <summary>
/// What a log's data means and can never change for its life: how many shards records route over, the prefix of the
/// shards' checkpoint origins (and so of their key names), and the store's format. Kept with the data on first start;
/// a node configured otherwise refuses to start instead of serving a log it misreads.
/// </summary>
public sealed record LogInvariants(int ShardCount, string OriginPrefix, int FormatVersion)
{
    /// <summary>The store format this version writes.</summary>
    public const int CurrentFormat = 1;

    public static LogInvariants Current(int shardCount, string originPrefix) => new(shardCount, originPrefix, CurrentFormat);

    /// <summary>`shards N`, `origin_prefix P`, `format F`, one per line.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"shards {ShardCount}\norigin_prefix {OriginPrefix}\nformat {FormatVersion}\n");

    public static LogInvariants Parse(string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : throw new FormatException($"log invariants: line '{p[0]}' has no value"), StringComparer.Ordinal);
        return new LogInvariants(Number("shards"), Text("origin_prefix"), Number("format"));

        string Text(string name) => fields.TryGetValue(name, out var value) ? value : throw new FormatException($"log invariants: no '{name}' line");
        int Number(string name) => int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new FormatException($"log invariants: '{name}' must be a positive number");
    }

    /// <summary>`a 4-shard log (origin prefix ledgercluster.local/shard/, format 1)`.</summary>
    public string Describe() => $"a {ShardCount}-shard log (origin prefix {OriginPrefix}/shard/, format {FormatVersion})";

    /// <summary>
    /// Null when a node configured with <paramref name="configured"/> may serve this log; else one line naming the
    /// mismatch, e.g. `data/ holds a 4-shard log (…); --shards 2 does not match`.
    /// </summary>
    public string? Mismatch(LogInvariants configured, string where)
    {
        var differences = new List<string>();
        if (configured.ShardCount != ShardCount) differences.Add($"--shards {configured.ShardCount}");
        if (configured.OriginPrefix != OriginPrefix) differences.Add($"origin prefix {configured.OriginPrefix}");
        if (configured.FormatVersion != FormatVersion) differences.Add($"this version's store format {configured.FormatVersion}");
        return differences.Count == 0 ? null : $"{where} holds {Describe()}; {string.Join(" and ", differences)} does not match";
    }
}
