using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// One row of a large benchmark board in 24 bytes: where the record sits in the log (shard and index, from which its
/// details are read when a page shows it), its accuracy over scored items, the first 8 bytes of its record id (the order's
/// tie-break; equal prefixes are resolved by the full ids, see <see cref="CompactRowOrder"/>), and a few flags: the tier it
/// had at its board's last ranking, whether its own results contradict its aggregate, and two marks a ranking uses while
/// it runs (arrived since the last ranking, tier changed). No strings and no per-row objects, so 1,000,000 rows are 24 MB.
/// </summary>
public readonly record struct CompactRow(long Packed, double Accuracy, ulong IdPrefix)
{
    private const int IndexBits = 40;
    private const long IndexMask = (1L << IndexBits) - 1;
    private const int ShardShift = IndexBits;
    private const long ShardMask = 0xFFFF;
    private const long PositionMask = (1L << (IndexBits + 16)) - 1;
    private const int TierShift = 56;
    private const long TierMask = 0x7L << TierShift;
    private const long ContradictedBit = 1L << 59;
    private const long ArrivedBit = 1L << 60;
    private const long RetieredBit = 1L << 61;

    public static CompactRow Of(int shard, long index, double accuracy, string recordId, bool contradicted, TrustTier tier = TrustTier.SelfReported)
    {
        if ((uint)shard > ShardMask) throw new ArgumentOutOfRangeException(nameof(shard), shard, "a board row holds shards 0 to 65535");
        if (index < 0 || index > IndexMask) throw new ArgumentOutOfRangeException(nameof(index), index, "a board row holds log indexes below 2^40");
        var packed = ((long)shard << ShardShift) | index | (contradicted ? ContradictedBit : 0);
        return new CompactRow(packed, accuracy, PrefixOf(recordId)).WithTier(tier);
    }

    /// <summary>
    /// The first 8 bytes of a record id (64 lowercase hex digits on the log) as a big-endian number, so numeric order is the
    /// ids' ordinal order. An id that is not hex keeps its first 4 UTF-16 code units instead (also ordinal), which ties more
    /// often and is then resolved by the full ids; the two forms never meet on one board, whose ids are all of the log's form.
    /// </summary>
    public static ulong PrefixOf(string recordId)
    {
        if (recordId.Length >= 16 && ulong.TryParse(recordId.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var hex)
            && IsLowerHex(recordId.AsSpan(0, 16)))
            return hex;
        ulong units = 0;
        for (var i = 0; i < 4; i++) units = (units << 16) | (i < recordId.Length ? recordId[i] : 0u);
        return units;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    public int Shard => (int)((Packed >> ShardShift) & ShardMask);

    public long Index => Packed & IndexMask;

    /// <summary>Shard and index in one number: the row's identity on its board.</summary>
    public long Position => Packed & PositionMask;

    public TrustTier Tier => (TrustTier)((Packed & TierMask) >> TierShift);

    public bool Contradicted => (Packed & ContradictedBit) != 0;

    /// <summary>Arrived since its board's last ranking (a ranking clears it once it has told the row as `added`).</summary>
    public bool Arrived => (Packed & ArrivedBit) != 0;

    /// <summary>Its tier moved in the ranking under way (cleared once told).</summary>
    public bool Retiered => (Packed & RetieredBit) != 0;

    public CompactRow WithTier(TrustTier tier) => this with { Packed = (Packed & ~TierMask) | ((long)tier << TierShift) };

    public CompactRow MarkArrived() => this with { Packed = Packed | ArrivedBit };

    public CompactRow MarkRetiered() => this with { Packed = Packed | RetieredBit };

    public CompactRow ClearMarks() => this with { Packed = Packed & ~(ArrivedBit | RetieredBit) };

    public static long PositionOf(int shard, long index) => ((long)shard << ShardShift) | index;
}
