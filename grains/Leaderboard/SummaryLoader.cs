using System.Collections.Concurrent;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// Reads a board row's full summary from the log by its position (the board keeps only <see cref="CompactRow"/>s), and
/// shares what many rows repeat: item ids (<see cref="ItemIdInterner"/>) and parsed protocols. Thread-safe: rankings and
/// page reads use it on the thread pool.
/// </summary>
public sealed class SummaryLoader(ILogStore store, string benchmarkHash)
{
    private readonly ItemIdInterner _ids = new();
    private readonly ConcurrentDictionary<string, GenerationProtocol> _protocols = new(StringComparer.Ordinal);

    public async Task<RecordSummary> LoadAsync(CompactRow row, CancellationToken cancel = default)
    {
        var entries = await store.ReadEntriesAsync(row.Shard, row.Index, 1, cancel);
        if (entries.Count == 0 || entries[0].Index != row.Index)
            throw new InvalidOperationException($"board {benchmarkHash}: log entry {row.Shard}/{row.Index} is not in the store");
        var summary = Intern(RecordSummaries.From(RunRecord.Parse(entries[0].Json)) with { Position = new LogPosition(row.Shard, row.Index) });
        if (summary.BenchmarkHash != benchmarkHash)
            throw new InvalidOperationException($"board {benchmarkHash}: log entry {row.Shard}/{row.Index} is of benchmark {summary.BenchmarkHash}");
        return summary;
    }

    public RecordSummary Intern(RecordSummary summary) => _ids.Intern(summary);

    public GenerationProtocol ProtocolOf(RecordSummary summary)
    {
        var settings = summary.Protocol?.SettingsJson ?? "{}";
        return _protocols.GetOrAdd(settings, s => GenerationProtocol.FromValues((JObject)JsonParser.Parse(s)));
    }
}
