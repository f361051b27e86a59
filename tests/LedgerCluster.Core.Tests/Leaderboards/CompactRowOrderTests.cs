using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>The compact rows of a large board sort exactly as full rows do: tier, accuracy, then the full record id.</summary>
public sealed class CompactRowOrderTests
{
    private sealed record Full(string Id, TrustTier Tier, double Accuracy, int Shard, long Index);

    // Ids of the log's form (64 lowercase hex digits): the first 16 digits are the prefix a compact row keeps.
    private static string Id(string first16, char rest) => first16 + new string(rest, 48);

    private static async Task<List<string>> SortedIds(IReadOnlyList<Full> rows, bool trust)
    {
        var byPosition = rows.ToDictionary(r => CompactRow.PositionOf(r.Shard, r.Index), r => r.Id);
        var compact = rows.Select(r => CompactRow.Of(r.Shard, r.Index, r.Accuracy, r.Id, contradicted: false, r.Tier)).ToArray();
        var count = await CompactRowOrder.SortAsync(compact, trust,
            run => Task.FromResult<IReadOnlyList<string>>(run.Select(r => byPosition[r.Position]).ToList()));
        return compact.Take(count).Select(r => byPosition[r.Position]).ToList();
    }

    private static List<string> Reference(IEnumerable<Full> rows, bool trust) =>
        (trust ? rows.OrderByDescending(r => r.Tier).ThenByDescending(r => r.Accuracy) : rows.OrderByDescending(r => r.Accuracy))
        .ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();

    [Fact]
    public async Task Ties_on_accuracy_are_broken_by_the_full_id_even_when_the_first_8_bytes_are_equal()
    {
        Full[] rows =
        [
            new(Id("00000000000000ff", 'b'), TrustTier.Verified, 0.5, 0, 0),
            new(Id("00000000000000ff", 'a'), TrustTier.Verified, 0.5, 1, 0),   // same prefix, smaller id: ranks first
            new(Id("00000000000000fe", 'f'), TrustTier.Verified, 0.5, 0, 1),   // smaller prefix: before both
            new(Id("a000000000000000", '0'), TrustTier.Verified, 0.5, 2, 7),   // hex letters sort after digits, as in the ids
            new(Id("0000000000000100", '0'), TrustTier.Verified, 0.5, 3, 2),
            new(Id("00000000000000ff", 'c'), TrustTier.Reproduced, 0.1, 1, 1), // a higher tier beats accuracy on a trust board
            new(Id("00000000000000ff", '0'), TrustTier.Signed, 0.9, 0, 2),
            new(Id("ffffffffffffffff", '1'), TrustTier.Verified, 0.75, 0, 3),
            new(Id("ffffffffffffffff", '0'), TrustTier.Verified, 0.75, 0, 4),
        ];
        foreach (var trust in new[] { true, false })
            Assert.Equal(Reference(rows, trust), await SortedIds(rows, trust));
    }

    [Fact]
    public async Task Random_rows_with_many_shared_prefixes_sort_as_the_full_rows_do()
    {
        var random = new Random(16);
        var rows = Enumerable.Range(0, 3000).Select(i =>
        {
            // 40 prefixes and 10 accuracies over 3,000 rows: most rows tie with others on both.
            var prefix = $"{random.Next(40):x16}";
            var rest = string.Concat(Enumerable.Range(0, 48).Select(_ => "0123456789abcdef"[random.Next(16)]));
            return new Full(prefix + rest, (TrustTier)random.Next(4), random.Next(10) / 10.0, i % 4, i / 4);
        }).ToList();
        foreach (var trust in new[] { true, false })
            Assert.Equal(Reference(rows, trust), await SortedIds(rows, trust));
    }

    [Fact]
    public async Task A_record_told_twice_is_kept_once_and_the_copy_already_on_the_board_wins()
    {
        var id = Id("0123456789abcdef", '7');
        var onBoard = CompactRow.Of(2, 41, 0.5, id, contradicted: false, TrustTier.Verified);
        var other = CompactRow.Of(0, 3, 0.25, Id("fedcba9876543210", '1'), contradicted: false, TrustTier.Verified);
        // Also when the copy on the board carries the other mark (its tier moved in the same ranking).
        CompactRow[] rows = [onBoard.MarkArrived(), other, onBoard.MarkRetiered(), onBoard.MarkArrived()];
        var count = await CompactRowOrder.SortAsync(rows, trust: true, _ => throw new InvalidOperationException("no tie to resolve"));
        Assert.Equal(2, count);
        Assert.Equal(onBoard.MarkRetiered(), rows[0]);
        Assert.Equal(other, rows[1]);
    }

    [Fact]
    public void A_row_keeps_its_position_tier_and_flags_in_24_bytes()
    {
        var row = CompactRow.Of(65535, (1L << 40) - 1, 0.125, Id("0123456789abcdef", '0'), contradicted: true, TrustTier.Reproduced);
        Assert.Equal((65535, (1L << 40) - 1, TrustTier.Reproduced, true), (row.Shard, row.Index, row.Tier, row.Contradicted));
        Assert.Equal(0x0123456789abcdefUL, row.IdPrefix);
        var moved = row.WithTier(TrustTier.Signed).MarkRetiered().MarkArrived();
        Assert.Equal((TrustTier.Signed, true, true, row.Position), (moved.Tier, moved.Retiered, moved.Arrived, moved.Position));
        Assert.Equal(row.WithTier(TrustTier.Signed), moved.ClearMarks());
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<CompactRow>());
    }
}
