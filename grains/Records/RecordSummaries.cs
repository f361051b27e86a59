using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Records;

/// <summary>Extracts the leaderboard's view of a record.</summary>
public static class RecordSummaries
{
    public static RecordSummary From(RunRecord record)
    {
        var body = record.Body;
        var model = $"{body.Model.Provider}:{body.Model.Name}";
        return new RecordSummary(record.Id, body.Benchmark.Id, body.Benchmark.Version, body.Benchmark.ContentHash, model,
            body.Aggregate.Accuracy, (int)body.Aggregate.NumTasks, (int)body.Aggregate.Passed, record.Envelope.Signer,
            record.Signature.PublicKey, record.Envelope.CreatedAt, Contradiction: body.Contradiction());
    }
}
