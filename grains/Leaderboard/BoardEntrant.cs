using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// A record summary as core's board ranks it, with the standing and reproduction evidence it had when the snapshot was
/// taken. Its items are expanded into a <see cref="BoardRecord"/> only if it is among the tested rows.
/// </summary>
public sealed class BoardEntrant(RecordSummary summary, RecordStanding standing, ReproductionEvidence? evidence, GenerationProtocol protocol) : IBoardEntrant
{
    public RecordSummary Summary { get; } = summary;

    public ReproductionEvidence? Evidence { get; } = evidence;

    public string RecordId => Summary.RecordId;

    public RecordStanding Standing { get; } = standing;

    public GenerationProtocol Protocol { get; } = protocol;

    public TruncationRate Truncation { get; } = TruncationOf(summary);

    public static TruncationRate TruncationOf(RecordSummary summary) => summary.Truncation is { } t
        ? new TruncationRate(t.Truncated, t.Known, t.Items, (TruncationMethod)t.Method)
        : new TruncationRate(0, 0, 0, TruncationMethod.NotRecorded);

    public double Accuracy { get; } = AccuracyOf(summary);

    /// <summary>Over the scored items, the claim when none is scored (as <see cref="BoardRecord.Accuracy"/>): what orders the board.</summary>
    public static double AccuracyOf(RecordSummary summary) =>
        summary.Outcomes is { ScoredCount: > 0 } o ? (double)o.CorrectCount / o.ScoredCount : summary.Accuracy;

    /// <summary>The record's compact row at its log position (its tier is its board's to set).</summary>
    public static CompactRow RowOf(RecordSummary summary, int shard, long index) =>
        CompactRow.Of(shard, index, AccuracyOf(summary), summary.RecordId, summary.Contradiction is not null);

    public BoardRecord ToBoardRecord()
    {
        var items = new List<PairedItem>();
        if (Summary.Outcomes is { } o)
            for (var i = 0; i < o.Ids.Length; i++)
                items.Add(new PairedItem(o.Ids[i], ItemOutcomes.Bit(o.Scored, i) ? ItemOutcomes.Bit(o.Correct, i) : null,
                    ItemOutcomes.Bit(o.Truncated, i) ? "length" : null));
        return new BoardRecord(RecordId, Summary.Benchmark, Summary.BenchmarkHash, Summary.Model, Summary.Signer, Summary.Accuracy, Standing,
            PairedInput.FromItems(Summary.Model, items, source: $"record {RecordId}"), Protocol, Truncation);
    }
}
