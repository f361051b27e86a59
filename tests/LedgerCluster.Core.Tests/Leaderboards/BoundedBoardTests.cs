using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>The bound on a board's paired tests: the top rows are tested as <see cref="BenchmarkBoard"/> tests them, the rest are placed and warned only.</summary>
public sealed class BoundedBoardTests
{
    // Row i gets 100 - 5i of 100 items right: far enough apart that neighbours differ, close enough that not all pairs do.
    private static List<BoardRecord> Rows(int count, Func<int, long>? maxTokens = null) => Enumerable.Range(0, count)
        .Select(i => BoardTestData.Verified(BoardTestData.Record($"model-{i:00}", BoardTestData.Items(Enumerable.Range(0, 100).Select(j => j < 100 - 5 * i)),
            BoardTestData.Params(maxTokens?.Invoke(i) ?? 768))))
        .ToList();

    [Fact]
    public void Rows_beyond_the_tested_ones_keep_their_place_but_get_no_rank_range()
    {
        var records = Rows(8, i => i == 6 ? 300 : 768);
        var bounded = BoundedBoard<BoardRecord>.Rank(records, trust: true, testedRows: 5);
        var full = BenchmarkBoard.Rank(records);

        Assert.Equal(full.Rows.Select(r => r.RecordId), bounded.Lines.Select(l => l.Entrant.RecordId));
        Assert.Equal(Enumerable.Range(1, 8), bounded.Lines.Select(l => l.Rank));
        Assert.Equal(5, bounded.TestedRows);
        // The tested rows get exactly what BenchmarkBoard gives those five rows alone.
        var topFive = BenchmarkBoard.Rank(records.Take(5).ToList());
        Assert.Equal(topFive.Rows.Select(r => (RankRange?)r.RankRange), bounded.Lines.Take(5).Select(l => l.RankRange));
        Assert.All(bounded.Lines.Skip(5), l => Assert.Null(l.RankRange));
        // An untested row is still warned about its protocol, against the tested rows' common one.
        Assert.Equal(["max_tokens 300 vs 768"], bounded.Lines[6].ProtocolWarnings);
        Assert.Empty(bounded.Lines[7].ProtocolWarnings);
        Assert.Equal(topFive.Power, bounded.Power);
    }

    [Fact]
    public void A_truncation_rate_apart_from_the_top_row_is_warned_on_that_row()
    {
        var best = BoardTestData.Items(Enumerable.Range(0, 100).Select(j => j < 60)).ToList();
        var half = BoardTestData.Items(Enumerable.Range(0, 100).Select(j => j % 2 == 0)).ToList();
        var top = BoardTestData.Record("top", best, BoardTestData.Params(768), facts: best.Select(_ => ((string?)"stop", (long?)50)));
        var cut = BoardTestData.Record("cut", half, BoardTestData.Params(768), facts: half.Select((_, i) => ((string?)(i < 40 ? "length" : "stop"), (long?)50)));
        var close = BoardTestData.Record("close", half, BoardTestData.Params(768), facts: half.Select((_, i) => ((string?)(i < 1 ? "length" : "stop"), (long?)50)));
        var bounded = BoundedBoard<BoardRecord>.Rank([.. new[] { cut, close, top }.Select(BoardTestData.Verified)], trust: true);

        var byModel = bounded.Lines.ToDictionary(l => l.Entrant.Model);
        Assert.Equal("ollama:top", bounded.Lines[0].Entrant.Model);
        Assert.Null(bounded.Lines[0].TruncationWarning);
        // Only the row cut off far more often than #1 is warned; a rate within chance of #1's is not.
        Assert.Equal("truncation 40.0% vs 0.0% for #1", byModel["ollama:cut"].TruncationWarning);
        Assert.Null(byModel["ollama:close"].TruncationWarning);
    }

    [Fact]
    public void An_empty_board_has_no_lines_and_no_power()
    {
        var bounded = BoundedBoard<BoardRecord>.Rank([]);
        Assert.Empty(bounded.Lines);
        Assert.Null(bounded.Tested);
        Assert.Null(bounded.Power.MinimumDetectableDifference);
    }
}
