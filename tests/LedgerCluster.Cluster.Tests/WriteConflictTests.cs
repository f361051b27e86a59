using System.Security.Cryptography;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Cluster.Tests.Storage;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests;

/// <summary>A write conflict never forks a shard: at the store, and through a live shard grain.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class WriteConflictTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Stores_opening_one_new_file_at_the_same_moment_all_initialize()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("fresh.db");
        var stores = Enumerable.Range(0, 8).Select(_ => new SqliteLogStore(path)).ToArray();
        using var go = new ManualResetEventSlim();
        var opening = stores.Select(s => Task.Run(async () => { go.Wait(); await s.InitializeAsync(); })).ToArray();
        go.Set();
        await Task.WhenAll(opening);
        Assert.All(await Task.WhenAll(stores.Select(s => s.LoadShardAsync(0))), snapshot => Assert.Empty(snapshot.RecordIds));
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task The_shared_file_is_private_whichever_provider_creates_it()
    {
        if (OperatingSystem.IsWindows()) return; // POSIX file modes
        using var dir = new TempDirectory();
        var path = dir.Path("ledger.db");
        // The grain storage may touch the file first (a record read before any append); the file still holds shard keys.
        var storage = new SqliteGrainStorage(path, StorageSerializer.Create());
        await storage.ReadStateAsync("record", Orleans.Runtime.GrainId.Create("ledger-record", "x"), new Orleans.GrainState<LedgerCluster.Grains.Records.RunRecordState>());
        await new SqliteLogStore(path).GetOrCreateSecretAsync("log-key:test", () => RandomNumberGenerator.GetBytes(32));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Appends_racing_at_the_same_expected_size_have_exactly_one_winner()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("race.db");
        // Four stores on one file, as four silos on one storage account; several racers per store as well.
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteLogStore(path)).ToArray();
        const int Shard = 3;
        var tree = new MerkleTree();
        var winners = new List<byte[]>();
        for (var round = 0; round < 8; round++)
        {
            var size = (long)tree.Size;
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = Enumerable.Range(0, 8).Select(k => Task.Run(async () =>
            {
                var id = RandomNumberGenerator.GetBytes(32);
                var next = MerkleTree.FromLeafHashes([.. winners.Select(w => MerkleHash.LeafHash(w)), MerkleHash.LeafHash(id)]);
                await go.Task;
                try
                {
                    await stores[k % stores.Length].AppendAsync(Shard, size, [new StoredEntry(size, id, [(byte)'{', (byte)'}'])],
                        new StoredCheckpoint(size + 1, next.Root(), $"racer {k} of round {round}\n"));
                    return (Id: id, Error: (Exception?)null);
                }
                catch (Exception e)
                {
                    return (Id: id, Error: e);
                }
            })).ToArray();
            go.SetResult();
            var outcomes = await Task.WhenAll(racers);

            var winner = Assert.Single(outcomes, o => o.Error is null);
            Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.IsType<InconsistentStateException>(o.Error));
            winners.Add(winner.Id);
            tree.Append(MerkleHash.LeafHash(winner.Id));

            // Storage holds exactly the winners, and one checkpoint per size: the winner's.
            var snapshot = await stores[round % stores.Length].LoadShardAsync(Shard);
            Assert.Equal(winners, snapshot.RecordIds);
            Assert.Equal((long)tree.Size, snapshot.Latest!.Size);
            Assert.Equal(tree.Root(), snapshot.Latest.Root);
            Assert.Equal(Enumerable.Range(1, round + 1).Select(i => (long)i), (await stores[0].GetCheckpointsAsync(Shard)).Select(c => c.Size));
        }
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_batch_with_one_conflicting_entry_is_refused_whole()
    {
        using var dir = new TempDirectory();
        var store = new SqliteLogStore(dir.Path("atomic.db"));
        var taken = RandomNumberGenerator.GetBytes(32);
        var one = MerkleTree.FromLeafHashes([MerkleHash.LeafHash(taken)]);
        await store.AppendAsync(0, 0, [new StoredEntry(0, taken, [1])], new StoredCheckpoint(1, one.Root(), "one\n"));

        // Shard 1 tries to log a record shard 0 already holds, after two fresh ones in the same batch.
        var batch = new[] { RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), taken };
        var three = MerkleTree.FromLeafHashes(batch.Select(b => MerkleHash.LeafHash(b)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(1, 0,
            batch.Select((id, i) => new StoredEntry(i, id, [2])).ToList(), new StoredCheckpoint(3, three.Root(), "three\n")));

        var snapshot = await store.LoadShardAsync(1);
        Assert.Empty(snapshot.RecordIds);
        Assert.Null(snapshot.Latest);
        Assert.Empty(await store.GetCheckpointsAsync(1));
        Assert.Equal(0, (await store.GetRecordAsync(Convert.ToHexStringLower(taken)))!.Shard);
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_shard_that_loses_a_race_to_another_writer_reloads_and_continues_the_winning_history()
    {
        var ledger = fixture.Ledger;
        var (s, records) = OnOneShard(ledger, "lost-race", 3);
        var (warm, theirs, mine) = (records[0], records[1], records[2]);
        var shard = ledger.Shard(s);
        await shard.Append([warm]);
        var info = await shard.GetInfo();
        var key = NoteVerifierKey.Parse(info.VerifierKey);
        var before = LogChecks.VerifySigned(await shard.GetCheckpoint(), key);

        // Another writer holding the shard key (as a second activation during a silo failure would) appends first.
        var store = ledger.OpenStore();
        var theirNote = await AppendBehindTheGrainsBackAsync(store, s, info, theirs);

        // The live activation's next commit is refused, nothing it signed is stored, and its caller is told.
        var error = await Record.ExceptionAsync(() => shard.Append([mine]).WaitAsync(Patience));
        Assert.IsType<InconsistentStateException>(error);

        // Retried, the record lands after the other writer's entry, on one consistent history.
        var ack = (await LogChecks.RetryAsync(() => shard.Append([mine])))[0];
        Assert.False(ack.Duplicate);
        Assert.Equal(info.Size + 1, ack.Position.Index);
        Assert.Equal(new LogPosition(s, info.Size), await shard.Find(theirs.RecordId));
        Assert.Equal(info.Size + 2, (await shard.GetInfo()).Size);
        var latest = LogChecks.VerifySigned(await shard.GetCheckpoint(), key);
        await LogChecks.VerifyMutuallyConsistentAsync(shard, [before, LogChecks.VerifySigned(theirNote, key), LogChecks.VerifyAcknowledgement(ack, key), latest]);
        await LogChecks.FsckAsync(store, s, key);
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_commit_that_lands_but_is_never_acknowledged_is_not_logged_twice_by_the_retry()
    {
        var ledger = fixture.Ledger;
        var (s, records) = OnOneShard(ledger, "lost-ack", 2);
        var shard = ledger.Shard(s);
        await shard.Append([records[0]]);
        var size = (await shard.GetInfo()).Size;

        FaultInjectingLogStore.Arm(ledger.Database, s, async commit =>
        {
            await commit();
            throw new TimeoutException("injected: the commit landed but its acknowledgement was lost");
        });
        try
        {
            Assert.NotNull(await Record.ExceptionAsync(() => shard.Append([records[1]]).WaitAsync(Patience)));
        }
        finally
        {
            FaultInjectingLogStore.Disarm(ledger.Database, s);
        }

        var ack = (await LogChecks.RetryAsync(() => shard.Append([records[1]])))[0];
        Assert.True(ack.Duplicate);
        Assert.Equal(size, ack.Position.Index);
        var info = await shard.GetInfo();
        Assert.Equal(size + 1, info.Size);
        var key = NoteVerifierKey.Parse(info.VerifierKey);
        LogChecks.VerifyAcknowledgement(ack, key);
        await LogChecks.FsckAsync(ledger.OpenStore(), s, key);
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_commit_that_fails_leaves_no_trace_and_the_shard_never_reports_what_it_has_not_signed()
    {
        var ledger = fixture.Ledger;
        var (s, records) = OnOneShard(ledger, "failed-commit", 2);
        var shard = ledger.Shard(s);
        await shard.Append([records[0]]);
        var before = await shard.GetInfo();
        var signed = await shard.GetCheckpoint();

        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        FaultInjectingLogStore.Arm(ledger.Database, s, async _ =>
        {
            entered.SetResult();
            await release.Task;
            throw new IOException("injected: the disk refused the commit");
        });
        var pending = shard.Append([records[1]]);
        try
        {
            await entered.Task.WaitAsync(Patience);

            // While the batch is unconfirmed, reads show only the signed, durable state.
            Assert.Equal(before.Size, (await shard.GetInfo()).Size);
            Assert.Equal(signed, await shard.GetCheckpoint());
            Assert.Null(await shard.Find(records[1].RecordId));
            await Assert.ThrowsAnyAsync<Exception>(() => shard.GetConsistencyProof(before.Size, before.Size + 1));
            await Assert.ThrowsAnyAsync<Exception>(() => shard.GetInclusionProof(before.Size, before.Size + 1));
        }
        finally
        {
            // Never leave the shared cluster's shard stuck in a commit, whatever failed above.
            FaultInjectingLogStore.Disarm(ledger.Database, s);
            release.TrySetResult();
        }
        Assert.NotNull(await Record.ExceptionAsync(() => pending.WaitAsync(Patience)));

        var ack = (await LogChecks.RetryAsync(() => shard.Append([records[1]])))[0];
        Assert.False(ack.Duplicate);
        Assert.Equal(before.Size, ack.Position.Index);
        var key = NoteVerifierKey.Parse(before.VerifierKey);
        await LogChecks.VerifyMutuallyConsistentAsync(shard, [LogChecks.VerifySigned(signed, key), LogChecks.VerifyAcknowledgement(ack, key)]);
        await LogChecks.FsckAsync(ledger.OpenStore(), s, key);
    }

    // Records with fresh bodies that all route to one shard.
    private static (int Shard, LogAppend[] Records) OnOneShard(LedgerTestCluster ledger, string tag, int count)
    {
        using var key = Ed25519KeyPair.Generate();
        var run = $"{tag}-{Guid.NewGuid():N}";
        var first = TestRecords.Intake(TestRecords.Sign(TestRecords.Body(run, 0), key));
        var s = ledger.ShardOf(first.RecordId);
        var records = Enumerable.Range(1, 200).Select(n => TestRecords.Intake(TestRecords.Sign(TestRecords.Body(run, n), key)))
            .Where(r => ledger.ShardOf(r.RecordId) == s).Prepend(first).Take(count).ToArray();
        Assert.Equal(count, records.Length);
        return (s, records);
    }

    // What a second activation of the shard would do: extend the stored tree by one record and sign it with the shard's key.
    private static async Task<string> AppendBehindTheGrainsBackAsync(ILogStore store, int s, ShardInfo info, LogAppend record)
    {
        var leaves = await store.ReadEntriesAsync(s, 0, int.MaxValue);
        Assert.Equal(info.Size, leaves.Count);
        var tree = MerkleTree.FromLeafHashes(leaves.Select(l => LogChecks.LeafHash(l.RecordId)));
        tree.Append(LogChecks.LeafHash(record.RecordId));
        var seed = await store.GetOrCreateSecretAsync($"log-key:{info.Origin}", () => RandomNumberGenerator.GetBytes(32));
        using var signer = new NoteSigner(info.Origin, Ed25519KeyPair.FromSeed(seed));
        Assert.Equal(info.VerifierKey, signer.VerifierKey.ToString());
        var note = SignedNote.Sign(new Checkpoint(info.Origin, tree.Size, tree.Root()).ToNoteText(), signer).Format();
        await store.AppendAsync(s, info.Size, [new StoredEntry(info.Size, Convert.FromHexString(record.RecordId), record.RecordJson)],
            new StoredCheckpoint((long)tree.Size, tree.Root(), note));
        return note;
    }
}
