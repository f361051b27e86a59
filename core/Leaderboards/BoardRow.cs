using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>One ranked row: `{rank, tier, score, benchmark, model, accuracy, tasks, signer, record_id, verdict}` (verdict: why a row is self-reported, else null).</summary>
public sealed record BoardRow(int Rank, BoardCandidate Entry)
{
    public string Tier => TrustTiers.Name(Entry.Tier);
    public double Score => TrustTiers.Score(Entry.Tier);

    public JObject ToJson() => new()
    {
        { "rank", Rank }, { "tier", Tier }, { "score", Score }, { "benchmark", Entry.Benchmark }, { "model", Entry.Model },
        { "accuracy", Entry.Accuracy }, { "tasks", Entry.Tasks }, { "signer", Entry.Signer is null ? JNull.Instance : Entry.Signer },
        { "record_id", Entry.RecordId }, { "verdict", Entry.Verdict is null ? JNull.Instance : Entry.Verdict },
    };
}
