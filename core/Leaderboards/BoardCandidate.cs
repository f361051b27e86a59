using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// A result that may appear on a board, with the tier its evidence earned and, for a self-reported one, the
/// <see cref="Verdict"/> saying why (e.g. "self-reported: aggregate accuracy 0.9 but results give 0.5").
/// </summary>
public sealed record BoardCandidate(string RecordId, string Benchmark, string Model, double Accuracy, long Tasks, string? Signer, TrustTier Tier,
    string? Verdict = null)
{
    public static BoardCandidate From(RunRecord record, TrustTier tier, string? verdict = null) => new(
        record.Id, $"{record.Body.Benchmark.Id}@{record.Body.Benchmark.Version}", $"{record.Body.Model.Provider}:{record.Body.Model.Name}",
        record.Body.Aggregate.Accuracy, record.Body.Aggregate.NumTasks, record.Envelope.Signer, tier, verdict);
}
