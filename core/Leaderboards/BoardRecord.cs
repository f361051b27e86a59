using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// A record as a benchmark board compares it: its items (id → correct, finish reason, output tokens, read as the paired
/// audit reads them), the protocol it ran under, its truncation and its standing. Only <see cref="Items"/> enter the
/// paired tests, so a headline accuracy that its own results contradict cannot buy a rank.
/// </summary>
public sealed record BoardRecord(
    string RecordId,
    string Benchmark,
    string BenchmarkContentHash,
    string Model,
    string? Signer,
    double ClaimedAccuracy,
    RecordStanding Standing,
    PairedInput Items,
    GenerationProtocol Protocol,
    TruncationRate Truncation) : IBoardEntrant
{
    /// <summary>Items that say whether they were right (only these are paired).</summary>
    public int Scored => Items.Items.Count(i => i.Correct is not null);

    public int Passed => Items.Items.Count(i => i.Correct == true);

    /// <summary>
    /// Accuracy over the scored items: what the tests compare and what orders the board. A record that scores no item
    /// (aggregates only) ranks on its claim: it is in no paired test, so its rank range stays as wide as the board.
    /// </summary>
    public double Accuracy => Scored == 0 ? ClaimedAccuracy : (double)Passed / Scored;

    BoardRecord IBoardEntrant.ToBoardRecord() => this;

    public static BoardRecord From(RunRecord record, RecordStanding standing)
    {
        var body = record.Body;
        var items = PairedInput.FromRecord(record, $"{body.Model.Provider}:{body.Model.Name}");
        return new BoardRecord(record.Id, $"{body.Benchmark.Id}@{body.Benchmark.Version}", body.Benchmark.ContentHash,
            $"{body.Model.Provider}:{body.Model.Name}", record.Envelope.Signer, body.Aggregate.Accuracy, standing, items,
            GenerationProtocol.Of(body), TruncationRate.Of(items.Items, items.TokenLimit));
    }
}
