using Azure.Data.Tables;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>
/// The tree hashes (level >= 1) of a shard as rows of its partition: row "t{level}-{group:D19}" holds hashes
/// [group·128, (group+1)·128) of that level, hash i in property "H{i mod 128:D3}" (32 bytes). Written with merges, so an
/// append adds the hashes it completed to a row without reading it first, inside the entity-group transaction that commits
/// the append; 128 per row keeps a row well under an entity's 252 properties, and an append of the largest size touches
/// at most a handful of rows.
/// </summary>
internal static class AzureTreeHashRows
{
    public const int HashesPerRow = 128;
    public const int MaxLevel = 7;

    private static readonly string[] Properties = Enumerable.Range(0, HashesPerRow).Select(i => $"H{i:D3}").ToArray();

    public static string RowKey(int level, long group) => $"t{level}-{group:D19}";

    /// <summary>The rows holding <paramref name="hashes"/>, each with only those of its hashes given (to merge into what it holds).</summary>
    public static IEnumerable<TableEntity> Rows(string partition, IEnumerable<TreeHash> hashes)
    {
        foreach (var row in hashes.GroupBy(h => (h.Level, Group: (long)(h.Index / HashesPerRow))))
        {
            if (row.Key.Level is < 1 or > MaxLevel) throw new ArgumentOutOfRangeException(nameof(hashes), row.Key.Level, "tree hash levels are 1 to 7");
            var entity = new TableEntity(partition, RowKey(row.Key.Level, row.Key.Group));
            foreach (var hash in row)
            {
                if (hash.Hash.Length != MerkleHash.Size) throw new ArgumentException($"tree hash {hash.Level}/{hash.Index} is {hash.Hash.Length} bytes", nameof(hashes));
                entity[Properties[(int)(hash.Index % HashesPerRow)]] = hash.Hash;
            }
            yield return entity;
        }
    }

    /// <summary>The filter selecting the rows that hold hashes [from, from + count) of <paramref name="level"/> in <paramref name="partition"/>.</summary>
    public static string Filter(string partition, int level, long from, int count) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowKey(level, from / HashesPerRow)} and RowKey le {RowKey(level, (from + count - 1) / HashesPerRow)}");

    /// <summary>Hashes from <paramref name="from"/> on, in order, as far as <paramref name="rows"/> hold them without a gap (at most <paramref name="count"/>).</summary>
    public static List<byte[]> Read(IEnumerable<TableEntity> rows, int level, long from, int count)
    {
        var byGroup = rows.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var hashes = new List<byte[]>(count);
        for (var index = from; index < from + count; index++)
        {
            if (!byGroup.TryGetValue(RowKey(level, index / HashesPerRow), out var row)) break;
            if (row.GetBinary(Properties[(int)(index % HashesPerRow)]) is not { Length: MerkleHash.Size } hash) break;
            hashes.Add(hash);
        }
        return hashes;
    }
}
