using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using static LedgerCluster.Core.Tests.Leaderboards.BoardTestData;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>Boards of constructed records whose pairwise tables, p-values and Holm adjustments are worked out by hand.</summary>
public sealed class ConstructedBoardTests
{
    // 100 items; which of X, Y, Z got each right: (x, y, z) → count.
    private static readonly ((bool X, bool Y, bool Z) Pattern, int Count)[] ThreeModels =
    [
        ((true, true, true), 40), ((true, false, false), 9), ((true, true, false), 13), ((false, true, true), 4),
        ((false, false, true), 2), ((true, false, true), 6), ((false, true, false), 7), ((false, false, false), 19),
    ];

    private static (BoardRecord X, BoardRecord Y, BoardRecord Z) ThreeModelBoard()
    {
        var rows = ThreeModels.SelectMany(p => Enumerable.Repeat(p.Pattern, p.Count)).ToList();
        BoardRecord Of(string name, Func<(bool X, bool Y, bool Z), bool> pick) => Verified(Record(name, Items(rows.Select(pick)), Params(512)));
        return (Of("x", r => r.X), Of("y", r => r.Y), Of("z", r => r.Z));
    }

    [Fact]
    public void Holm_adjusted_p_values_match_a_hand_computation()
    {
        var (x, y, z) = ThreeModelBoard(); // accuracies 68, 64, 52 of 100

        var board = BenchmarkBoard.Rank([z, x, y]);

        Assert.Equal([x.RecordId, y.RecordId, z.RecordId], board.Rows.Select(r => r.RecordId));
        var xy = board.Pair(x.RecordId, y.RecordId)!;
        var xz = board.Pair(x.RecordId, z.RecordId)!;
        var yz = board.Pair(y.RecordId, z.RecordId)!;
        // b = only the first right, c = only the second (first = higher in the board's order).
        Assert.Equal((15, 11), (xy.Table.OnlyA, xy.Table.OnlyB));
        Assert.Equal((22, 6), (xz.Table.OnlyA, xz.Table.OnlyB));
        Assert.Equal((20, 8), (yz.Table.OnlyA, yz.Table.OnlyB));
        // Exact two-sided p = 2 Σ_{i ≤ min(b,c)} C(b+c, i) / 2^(b+c):
        var pXY = 2.0 * 18_696_432 / (1 << 26); // n 26, k 11 → 0.5572
        var pXZ = 2.0 * 499_178 / (1 << 28);    // n 28, k 6: 1+28+378+3276+20475+98280+376740 → 0.003719
        var pYZ = 2.0 * 4_791_323 / (1 << 28);  // n 28, k 8: the sum above + 1184040 + 3108105 → 0.03570
        Assert.Equal(pXY, xy.ExactP, 12);
        Assert.Equal(pXZ, xz.ExactP, 12);
        Assert.Equal(pYZ, yz.ExactP, 12);
        // Holm over m = 3: ascending pXZ < pYZ < pXY get factors 3, 2, 1, then a running maximum.
        Assert.Equal(3 * pXZ, xz.HolmP, 12);                  // 0.01116: significant
        Assert.Equal(2 * pYZ, yz.HolmP, 12);                  // 0.07140: significant alone (0.036), not after correction
        Assert.Equal(Math.Max(2 * pYZ, pXY), xy.HolmP, 12);   // 0.5572
        Assert.True(pYZ < PairedStatistics.Alpha);
        Assert.Equal([false, true, false], new[] { xy, xz, yz }.Select(p => p.Significant));
        Assert.Equal(x.RecordId, xz.Better);
        Assert.Equal(PairedStatistics.McNemarMidP(22, 6), xz.MidP);
        // Ranges: only X > Z is established. X: nothing above, Z below → 1-2. Y: nothing either way → 1-3. Z: X above → 2-3.
        Assert.Equal([new RankRange(1, 2), new RankRange(1, 3), new RankRange(2, 3)], board.Rows.Select(r => r.RankRange));
        Assert.False(board.Rows[0].RankRange.Overlaps(new RankRange(3, 3)));
        Assert.True(board.Rows[0].RankRange.Overlaps(board.Rows[2].RankRange)); // X and Z: separated, yet 2 is in both (Y may sit anywhere)
    }

    [Fact]
    public void A_clearly_better_model_is_ranked_alone_and_the_others_share_the_rest()
    {
        var (x, y, z) = ThreeModelBoard();
        var best = Verified(Record("best", Items(Enumerable.Range(0, 100).Select(i => i < 95)), Params(512)));

        var board = BenchmarkBoard.Rank([x, y, z, best]);

        Assert.Equal(best.RecordId, board.Rows[0].RecordId);
        Assert.Equal(new RankRange(1, 1), board.Rows[0].RankRange);
        Assert.Equal("1", board.Rows[0].RankRange.ToString());
        Assert.All(board.Rows.Skip(1), row => Assert.True(row.RankRange.Lo >= 2));
        Assert.All(board.Rows, row => Assert.InRange(row.Rank, row.RankRange.Lo, row.RankRange.Hi));
    }

    [Fact]
    public void Different_benchmarks_get_boards_of_their_own()
    {
        var (x, y, _) = ThreeModelBoard();
        var other = Verified(Record("x", Items(Enumerable.Repeat(true, 100)), Params(512), benchmarkHash: new string('c', 64), benchmarkId: "mmlu"));

        var boards = BenchmarkBoards.Rank([x, other, y]);

        Assert.Equal(["gsm8k@dev-200", "mmlu@dev-200"], boards.Select(b => b.Benchmark));
        Assert.Equal(2, boards[0].Rows.Count);
        var alone = Assert.Single(boards[1].Rows);
        Assert.Equal(new RankRange(1, 1), alone.RankRange);
        Assert.Empty(boards[1].Pairs);
        Assert.Null(boards[1].Power.MinimumDetectableDifference); // one row: nothing to detect a difference against
        Assert.Throws<ArgumentException>(() => BenchmarkBoard.Rank([x, other]));
    }

    [Fact]
    public void On_a_trust_board_a_higher_tier_ranks_above_whatever_the_tests_say()
    {
        var (x, y, z) = ThreeModelBoard();
        var signedX = x with { Standing = RecordStanding.Of(TrustTier.Signed) };

        var trust = BenchmarkBoard.Rank([signedX, y, z]);
        var plain = BenchmarkBoard.Rank([signedX, y, z], trust: false);

        // Trust: Y and Z (verified) above X (signed); among the verified, Y vs Z is not separated after Holm.
        Assert.Equal([y.RecordId, z.RecordId, x.RecordId], trust.Rows.Select(r => r.RecordId));
        Assert.Equal([new RankRange(1, 2), new RankRange(1, 2), new RankRange(3, 3)], trust.Rows.Select(r => r.RankRange));
        // Accuracy only: the tests alone, as on the all-verified board.
        Assert.Equal([new RankRange(1, 2), new RankRange(1, 3), new RankRange(2, 3)], plain.Rows.Select(r => r.RankRange));
    }

    [Fact]
    public void Rows_without_items_in_common_are_not_tested()
    {
        var a = Verified(Record("a", Enumerable.Range(0, 50).Select(i => ($"a{i}", true)), Params(512)));
        var b = Verified(Record("b", Enumerable.Range(0, 50).Select(i => ($"b{i}", false)), Params(512)));

        var board = BenchmarkBoard.Rank([a, b]);

        Assert.Empty(board.Pairs);
        Assert.All(board.Rows, row => Assert.Equal(new RankRange(1, 2), row.RankRange));
    }

    [Fact]
    public void The_json_names_the_fields_of_the_issue()
    {
        var (x, y, z) = ThreeModelBoard();
        var at256 = Verified(Record("w", Items(Enumerable.Repeat(false, 100)), Params(256)));

        var json = BenchmarkBoard.Rank([x, y, z, at256]).ToJson();

        var rows = (JArray)json["rows"]!;
        var first = (JObject)rows[0];
        Assert.Equal("[1,2]", CanonicalJson.Serialize(first["rank_range"]!));
        Assert.Equal("[]", CanonicalJson.Serialize(first["protocol_warnings"]!));
        Assert.Equal("[\"max_tokens 256 vs 512\"]", CanonicalJson.Serialize(((JObject)rows[3])["protocol_warnings"]!));
        Assert.IsType<JNull>(first["truncation_rate"]);
        Assert.Equal("not_recorded", ((JString)first["truncation_method"]!).Value);
        Assert.Equal(6, ((JArray)json["pairs"]!).Count);
        Assert.Equal(x.Protocol.Hash, ((JString)((JObject)json["common_protocol"]!)["hash"]!).Value);
    }
}
