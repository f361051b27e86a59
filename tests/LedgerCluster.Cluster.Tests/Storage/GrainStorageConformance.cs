using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// The <see cref="IGrainStorage"/> contract (notes §1.5), in the scenarios of Orleans' own persistence test kit. Derive once
/// per provider (SQLite here; the Azure Tables provider against Azurite later) and supply <see cref="Storage"/>.
/// The state type is the one the ledger really stores, <see cref="RunRecordState"/>.
/// </summary>
public abstract class GrainStorageConformance
{
    /// <summary>The provider under test; every test uses fresh grain ids, so one instance may serve them all.</summary>
    protected abstract IGrainStorage Storage { get; }

    protected const string StateName = "record";

    /// <summary>Whether a write carrying an ETag the store never issued, for a record that does not exist, is refused.</summary>
    protected virtual bool RejectsInventedETag => true;

    protected static GrainId NewGrainId(string? key = null) => GrainId.Create("conformance-test", key ?? Guid.NewGuid().ToString("N"));

    protected static RunRecordState Sample(string publicKey = "aa") => new()
    {
        Attestations = [new Attestation(publicKey, "signed", "evidence", "2026-01-01T00:00:00.000000+00:00")],
    };

    private static List<Attestation> Of(GrainState<RunRecordState> state)
    {
        Assert.NotNull(state.State);
        return state.State.Attestations;
    }

    private async Task<GrainState<RunRecordState>> ReadAsync(GrainId id, string stateName = StateName)
    {
        var state = new GrainState<RunRecordState>();
        await Storage.ReadStateAsync(stateName, id, state);
        return state;
    }

    private async Task<GrainState<RunRecordState>> WriteNewAsync(GrainId id, RunRecordState value, string stateName = StateName)
    {
        var state = new GrainState<RunRecordState> { State = value };
        await Storage.WriteStateAsync(stateName, id, state);
        return state;
    }

    [StorageFact]
    public async Task ReadNonExistentState_HasNonNullState()
    {
        var read = await ReadAsync(NewGrainId());
        Assert.NotNull(read.State);
        Assert.Empty(Of(read));
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [StorageFact]
    public async Task WriteRead_ReturnsWrittenStateAndETag()
    {
        var id = NewGrainId();
        var written = await WriteNewAsync(id, Sample());
        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        var read = await ReadAsync(id);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(Of(written), Of(read));
    }

    [StorageFact]
    public async Task WriteReadIdCyrillic()
    {
        var id = NewGrainId($"Привет-мир-{Guid.NewGuid():N}");
        var written = await WriteNewAsync(id, Sample("ключ"));
        var read = await ReadAsync(id);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("ключ", Assert.Single(Of(read)).PublicKey);
    }

    [StorageFact]
    public async Task WriteDuplicateFailsWithInconsistentStateException()
    {
        // A second activation that never read the record writes with no ETag.
        var id = NewGrainId();
        await WriteNewAsync(id, Sample("first"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(id, Sample("second")));
        Assert.Equal("first", Assert.Single(Of(await ReadAsync(id))).PublicKey);
    }

    [StorageFact]
    public async Task WriteInconsistentFailsWithInconsistentStateException()
    {
        // An ETag the store never issued, for a record that does not exist.
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Sample(), ETag = Guid.NewGuid().ToString("N") };
        if (!RejectsInventedETag)
        {
            // Pins a known laxity (Orleans' memory provider), so a change in it shows up here.
            await Storage.WriteStateAsync(StateName, id, state);
            Assert.True((await ReadAsync(id)).RecordExists);
            return;
        }
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, state));
        Assert.False((await ReadAsync(id)).RecordExists);
    }

    [StorageFact]
    public async Task WriteWithStaleETagFails_AndLeavesTheStoredValue()
    {
        var id = NewGrainId();
        var mine = await WriteNewAsync(id, Sample("v1"));
        var stale = mine.ETag;
        mine.State = Sample("v2");
        await Storage.WriteStateAsync(StateName, id, mine);

        var late = new GrainState<RunRecordState> { State = Sample("late"), ETag = stale };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, late));
        Assert.Equal(stale, late.ETag);
        var read = await ReadAsync(id);
        Assert.Equal("v2", Assert.Single(Of(read)).PublicKey);
        Assert.Equal(mine.ETag, read.ETag);
    }

    [StorageFact]
    public async Task ETagChangesOnWrite_EvenWithSameValues()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample());
        var seen = new HashSet<string> { state.ETag! };
        for (var i = 0; i < 3; i++)
        {
            await Storage.WriteStateAsync(StateName, id, state);
            Assert.True(seen.Add(state.ETag!), "a write must issue a new ETag even when the value is unchanged");
        }
        Assert.Equal(state.ETag, (await ReadAsync(id)).ETag);
    }

    [StorageFact]
    public async Task ClearUpdatesETag()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample());
        var written = state.ETag;
        await Storage.ClearStateAsync(StateName, id, state);
        Assert.NotEqual(written, state.ETag);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Empty(Of(state));
    }

    [StorageFact]
    public async Task WriteClearRead()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample());
        await Storage.ClearStateAsync(StateName, id, state);

        var read = await ReadAsync(id);
        Assert.False(read.RecordExists);
        Assert.NotNull(read.State);
        Assert.Empty(Of(read));
    }

    [StorageFact]
    public async Task WriteClearWrite()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample("before"));
        await Storage.ClearStateAsync(StateName, id, state);

        // A fresh activation holding the ETag the clear returned may write again.
        var again = new GrainState<RunRecordState> { State = Sample("after"), ETag = state.ETag };
        await Storage.WriteStateAsync(StateName, id, again);
        Assert.True(again.RecordExists);
        var read = await ReadAsync(id);
        Assert.True(read.RecordExists);
        Assert.Equal("after", Assert.Single(Of(read)).PublicKey);
    }

    [StorageFact]
    public async Task ClearBeforeWrite()
    {
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Sample() };
        await Storage.ClearStateAsync(StateName, id, state);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);

        state.State = Sample("written");
        await Storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("written", Assert.Single(Of(await ReadAsync(id))).PublicKey);
    }

    [StorageFact]
    public async Task ClearInconsistentFails_AndLeavesTheLatestState()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample("v1"));
        var stale = new GrainState<RunRecordState> { State = state.State, ETag = state.ETag };
        state.State = Sample("v2");
        await Storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));
        var read = await ReadAsync(id);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("v2", Assert.Single(Of(read)).PublicKey);
    }

    [StorageFact]
    public async Task MultipleClearOperations()
    {
        var id = NewGrainId();
        var state = await WriteNewAsync(id, Sample());
        for (var i = 0; i < 3; i++)
        {
            await Storage.ClearStateAsync(StateName, id, state);
            Assert.False(state.RecordExists);
            Assert.NotNull(state.State);
        }
        var read = await ReadAsync(id);
        Assert.False(read.RecordExists);
        Assert.Empty(Of(read));
    }

    [StorageFact]
    public async Task StateNamesUseIndependentRecords()
    {
        var id = NewGrainId();
        var a = await WriteNewAsync(id, Sample("a"), "first");
        var b = await WriteNewAsync(id, Sample("b"), "second");
        Assert.NotEqual(a.ETag, b.ETag);

        Assert.Equal("a", Assert.Single(Of(await ReadAsync(id, "first"))).PublicKey);
        Assert.Equal("b", Assert.Single(Of(await ReadAsync(id, "second"))).PublicKey);
        await Storage.ClearStateAsync("first", id, a);
        Assert.False((await ReadAsync(id, "first")).RecordExists);
        Assert.True((await ReadAsync(id, "second")).RecordExists);
        Assert.False((await ReadAsync(NewGrainId(), "second")).RecordExists);
    }

    [StorageFact]
    public async Task WriteReadWriteReadStatesInParallel()
    {
        var grains = Enumerable.Range(0, 40).Select(i => (Id: NewGrainId($"parallel-{i}-{Guid.NewGuid():N}"), State: new GrainState<RunRecordState> { State = Sample() })).ToList();
        foreach (var (id, state) in grains) await Storage.WriteStateAsync(StateName, id, state);

        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 3 }, async (grain, _) =>
        {
            for (var k = 0; k < 5; k++)
            {
                var before = grain.State.ETag;
                grain.State.State = Sample($"{grain.Id}-{k}");
                await Storage.WriteStateAsync(StateName, grain.Id, grain.State);
                Assert.NotEqual(before, grain.State.ETag);
                var read = await ReadAsync(grain.Id);
                Assert.Equal(grain.State.ETag, read.ETag);
                Assert.Equal($"{grain.Id}-{k}", Assert.Single(Of(read)).PublicKey);
            }
        });
    }
}
