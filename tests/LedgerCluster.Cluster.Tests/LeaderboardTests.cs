using System.Collections.Concurrent;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Cluster.Tests;

/// <summary>The board grains on a 3-silo cluster: tiers from evidence events, the section 5 order, forwarding, observers.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class LeaderboardTests(ClusterFixture fixture)
{
    // Far beyond any real shard size, so these summaries' tiers depend only on what the test tells the board.
    private const long Far = 1_000_000_000;

    // Boards are keyed by content hash: each test benchmark gets its own, so tests sharing the cluster never share a board.
    private static string HashOf(string benchmark) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(benchmark)));

    private static RecordSummary Summary(string benchmark, double accuracy, int shard, long index) =>
        new(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), benchmark, "1", HashOf(benchmark),
            "test:m", accuracy, 10, (int)(accuracy * 10), "board-tests", new string('e', 64), "2026-01-01T00:00:00Z", new LogPosition(shard, index));

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Tiers_follow_witnessed_size_and_reproduction_and_rank_by_tier_then_accuracy_then_id()
    {
        var client = fixture.Ledger.Cluster.Client;
        var benchmark = "board-" + Guid.NewGuid().ToString("N");
        var all = client.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All);
        var neverWitnessed = Summary(benchmark, 0.3, 2, 2 * Far);
        var laterWitnessed = Summary(benchmark, 0.9, 3, Far);
        var reproduced = Summary(benchmark, 0.5, 3, Far - 1);
        var failed = Summary(benchmark, 0.9, 3, Far - 2);
        var changes = new ConcurrentQueue<BoardChange>();
        // Orleans holds observer objects weakly: the test keeps its own reference, or a GC silences the observer.
        var recorder = new Recorder(changes);
        var observer = client.CreateObjectReference<ILeaderboardObserver>(recorder);
        await all.Subscribe(observer);

        await all.Add([neverWitnessed, laterWitnessed, reproduced, failed]);
        Assert.All(await all.GetEntries(benchmark), e => Assert.Equal("signed", e.Tier));

        await all.ShardWitnessed(3, Far + 1);
        await all.ReproductionChanged(reproduced.RecordId, HashOf(benchmark), reproduced.Position!, new ReproductionEvidence(new ReproductionOutcome(true, "same body hash", "now"), false));
        await all.ReproductionChanged(failed.RecordId, HashOf(benchmark), failed.Position!, new ReproductionEvidence(new ReproductionOutcome(false, "task t1: output differs", "now"), false));

        var ties = new[] { laterWitnessed.RecordId, failed.RecordId }.Order(StringComparer.Ordinal).ToArray();
        string[] expected = [reproduced.RecordId, ties[0], ties[1], neverWitnessed.RecordId];
        var board = await all.GetEntries(benchmark);
        Assert.Equal(expected, board.Select(e => e.RecordId));
        Assert.Equal(["reproduced", "verified", "verified", "signed"], board.Select(e => e.Tier));
        Assert.Equal([1, 2, 3, 4], board.Select(e => e.Rank));
        Assert.Equal("task t1: output differs", board.Single(e => e.RecordId == failed.RecordId).ReproductionFailure);

        // The benchmark's own board hears the same events (forwarded by "all", so it may lag a moment).
        var own = client.GetGrain<IBenchmarkBoardGrain>(HashOf(benchmark));
        var page = await Eventually(() => own.GetPage(0, 10, trust: true), p => p.Entries.Select(e => e.Tier).SequenceEqual(["reproduced", "verified", "verified", "signed"]));
        Assert.Equal(expected, page.Entries.Select(e => e.RecordId));
        Assert.Equal(4, page.Total);
        var plain = await own.GetPage(0, 10, trust: false);
        Assert.Equal(0.3, plain.Entries[^1].Accuracy);
        Assert.Equal(0.5, plain.Entries[^2].Accuracy);

        // Observers hear the changes (coalesced a few times a second): the batch as `added`, then the tier moves.
        var heard = await Eventually(() => Task.FromResult(changes.ToArray()),
            c => c.Any(x => x.Kind == "tier" && x.Entries.Any(e => e.RecordId == reproduced.RecordId && e.Tier == "reproduced")));
        Assert.Contains(heard, c => c.Kind == "added" && c.Entries.Any(e => e.RecordId == neverWitnessed.RecordId));
        Assert.Contains(heard, c => c.Kind == "tier" && c.Entries.Any(e => e.RecordId == reproduced.RecordId && e.Tier == "reproduced"));
        Assert.Contains(heard, c => c.Kind == "tier" && c.Entries.Any(e => e.RecordId == laterWitnessed.RecordId && e.Tier == "verified"));
        await all.Unsubscribe(observer);
        GC.KeepAlive(recorder);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = await read();
            if (done(value) || attempt == 200) return value;
            await Task.Delay(50);
        }
    }

    private sealed class Recorder(ConcurrentQueue<BoardChange> changes) : ILeaderboardObserver
    {
        public void OnChanged(BoardChange change) => changes.Enqueue(change);
    }
}
