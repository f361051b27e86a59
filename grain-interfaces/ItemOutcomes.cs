namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A record's per-item results as a board pairs them, compact: the item ids in the record's order and three bit vectors
/// over them (bit i of byte i/8): <see cref="Scored"/> (the item says whether it was right), <see cref="Correct"/> and
/// <see cref="Truncated"/> (cut off at the token limit, by finish reason or the token cap, as core's truncation rule
/// reads it). Boards share one id array between records of the same items, so a row costs its bits, not its ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ItemOutcomes")]
public sealed record ItemOutcomes(
    [property: Id(0)] string[] Ids,
    [property: Id(1)] byte[] Scored,
    [property: Id(2)] byte[] Correct,
    [property: Id(3)] byte[] Truncated)
{
    public static bool Bit(byte[] bits, int i) => (bits[i >> 3] & (1 << (i & 7))) != 0;

    public int ScoredCount => Count(Scored);

    public int CorrectCount => Count(Correct);

    private static int Count(byte[] bits)
    {
        var n = 0;
        foreach (var b in bits) n += System.Numerics.BitOperations.PopCount(b);
        return n;
    }
}
