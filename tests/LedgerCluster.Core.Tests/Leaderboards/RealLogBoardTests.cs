using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Leaderboards;
using static LedgerCluster.Core.Tests.Leaderboards.BoardTestData;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>
/// The board on records built from the case study's real GSM8K logs (Instruct and the "winner", both at max_new_tokens
/// 768 on the same 200 items): issue 15's "done when" for the core board.
/// </summary>
public sealed class RealLogBoardTests
{
    private static (BoardRecord Instruct, BoardRecord Winner) CaseStudy() => (
        Verified(FromTraceLog(TraceLog("instruct_max_new768.json"), "qwen2.5-7b-instruct", 768)),
        Verified(FromTraceLog(TraceLog("winner_max_new768.json"), "winner", 768)));

    [SharedFact]
    public void Instruct_and_winner_at_768_tokens_share_a_rank_range()
    {
        var (instruct, winner) = CaseStudy();

        var board = BenchmarkBoard.Rank([winner, instruct]);

        Assert.Equal([instruct.RecordId, winner.RecordId], board.Rows.Select(r => r.RecordId)); // 137/200 above 135/199
        Assert.All(board.Rows, row => Assert.Equal(new RankRange(1, 2), row.RankRange));
        Assert.Equal("1-2", board.Rows[0].RankRange.ToString());
        var pair = Assert.Single(board.Pairs);
        Assert.Equal(new PairedTable(108, 29, 27, 35), pair.Table); // b = 29 only Instruct right, c = 27 only the winner right
        Assert.Equal(0.894, pair.ExactP, 3);
        Assert.Equal(0.791, pair.MidP, 3);
        Assert.Equal(pair.ExactP, pair.HolmP); // one pair: nothing to correct
        Assert.False(pair.Significant);
        Assert.Null(pair.Better);
        // The same numbers as the paired audit of the two records.
        var audit = PairedAudit.Run(instruct.Items, winner.Items);
        Assert.Equal(audit.Table, pair.Table);
        Assert.Equal(audit.McNemarExactP, pair.ExactP);
        Assert.Equal(audit.McNemarMidP, pair.MidP);
        // Same protocol, so no warning; neither log records finish reasons or token counts.
        Assert.Equal(board.Rows[0].Protocol, board.Rows[1].Protocol);
        Assert.All(board.Rows, row => Assert.Empty(row.ProtocolWarnings));
        Assert.All(board.Rows, row => Assert.Equal(TruncationMethod.NotRecorded, row.Truncation.Method));
        Assert.All(board.Rows, row => Assert.Null(row.Truncation.Rate));
        // The board's power: n = 199 paired items, 56 discordant, as `ledger audit power --n 199 --discordance 0.2814` (10.5 points).
        Assert.Equal(199, board.Power.Items);
        Assert.Equal(56.0 / 199, board.Power.Discordance!.Value, 12);
        Assert.Equal(PairedStatistics.MinimumDetectableDifference(199, 56.0 / 199), board.Power.MinimumDetectableDifference);
        Assert.Equal(0.105, board.Power.MinimumDetectableDifference!.Value, 3);
    }

    [SharedFact]
    public void A_record_that_differs_only_in_max_tokens_carries_a_warning_naming_it()
    {
        var (instruct, winner) = CaseStudy();
        // Instruct's own outcomes, recorded as a run at max_new_tokens 300: nothing but the token limit differs.
        var at300 = Verified(Record("qwen2.5-7b-instruct", Outcomes(FromTraceLog(TraceLog("instruct_max_new768.json"), "x", 768)),
            TraceParams(300)));

        var board = BenchmarkBoard.Rank([instruct, winner, at300]);

        Assert.Equal(instruct.Protocol.Hash, board.CommonProtocol!.Hash); // two of the three rows ran at 768
        var row300 = board.Rows.Single(r => r.RecordId == at300.RecordId);
        Assert.Equal(["max_tokens 300 vs 768"], row300.ProtocolWarnings);
        Assert.NotEqual(instruct.Protocol.Hash, row300.Protocol);
        Assert.All(board.Rows.Where(r => r.RecordId != at300.RecordId), row => Assert.Empty(row.ProtocolWarnings));
        Assert.All(board.Rows, row => Assert.Equal(new RankRange(1, 3), row.RankRange)); // no pair is separated
    }

    [SharedFact]
    public void A_clearly_better_model_gets_a_rank_range_of_its_own()
    {
        var (instruct, winner) = CaseStudy();
        // Constructed: right wherever either real model was, and on a third of the rest.
        var instructRight = Outcomes(FromTraceLog(TraceLog("instruct_max_new768.json"), "x", 768)).ToDictionary(o => o.Id, o => o.Passed);
        var winnerRight = Outcomes(FromTraceLog(TraceLog("winner_max_new768.json"), "x", 768)).ToDictionary(o => o.Id, o => o.Passed);
        var better = Verified(Record("constructed-better", instructRight.Keys.Select((id, i) =>
            (id, instructRight[id] || winnerRight.GetValueOrDefault(id) || i % 3 == 0)), TraceParams(768)));

        var board = BenchmarkBoard.Rank([instruct, winner, better]);

        Assert.Equal(better.RecordId, board.Rows[0].RecordId);
        Assert.Equal(new RankRange(1, 1), board.Rows[0].RankRange);
        Assert.True(board.Rows[0].RankRange.IsOwn);
        Assert.All(board.Rows.Skip(1), row => Assert.Equal(new RankRange(2, 3), row.RankRange));
        Assert.All(board.Pairs.Where(p => p.Involves(better.RecordId)), p => Assert.Equal(better.RecordId, p.Better));
    }
}
