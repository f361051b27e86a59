using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Records;

/// <summary>Extracts the leaderboard's view of a record, once, where the record is parsed.</summary>
public static class RecordSummaries
{
    public static RecordSummary From(RunRecord record)
    {
        var body = record.Body;
        var model = $"{body.Model.Provider}:{body.Model.Name}";
        var items = PairedInput.FromRecord(record, model);
        var protocol = GenerationProtocol.Of(body);
        var truncation = TruncationRate.Of(items.Items, items.TokenLimit);
        return new RecordSummary(record.Id, body.Benchmark.Id, body.Benchmark.Version, body.Benchmark.ContentHash, model,
            body.Aggregate.Accuracy, (int)body.Aggregate.NumTasks, (int)body.Aggregate.Passed, record.Envelope.Signer,
            record.Signature.PublicKey, record.Envelope.CreatedAt, Contradiction: body.Contradiction(),
            Outcomes: OutcomesOf(items.Items, items.TokenLimit),
            Protocol: new ProtocolSettings(protocol.Hash, CanonicalJson.Serialize(new JObject(protocol.Values.Select(v => KeyValuePair.Create(v.Key, (JValue)v.Value))))),
            Truncation: new TruncationCounts(truncation.Truncated, truncation.Known, truncation.Items, (int)truncation.Method));
    }

    /// <summary>
    /// The items as bits. A record that repeats an item id cannot be paired unambiguously (the paired audit refuses it), so
    /// it gets no outcomes: it ranks on its claim and enters no paired test, rather than breaking its board's tests.
    /// </summary>
    public static ItemOutcomes? OutcomesOf(IReadOnlyList<PairedItem> items, long? tokenLimit)
    {
        var ids = new string[items.Count];
        var seen = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var (scored, correct, truncated) = (new byte[(items.Count + 7) / 8], new byte[(items.Count + 7) / 8], new byte[(items.Count + 7) / 8]);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!seen.Add(item.Id)) return null;
            ids[i] = item.Id;
            var bit = (byte)(1 << (i & 7));
            if (item.Correct is { } right)
            {
                scored[i >> 3] |= bit;
                if (right) correct[i >> 3] |= bit;
            }
            if (TruncationSummary.IsTruncated(item, tokenLimit) == true) truncated[i >> 3] |= bit;
        }
        return new ItemOutcomes(ids, scored, correct, truncated);
    }
}
