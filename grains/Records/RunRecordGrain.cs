using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Leaderboard;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Witness;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Records;

/// <summary>
/// Holds one record's attestations and reproduction outcome and answers for it; the bytes and position come from the
/// log. When its reproduction evidence changes it tells the boards, so they never poll records.
/// </summary>
[GrainType("ledger-record")]
public sealed class RunRecordGrain(
    [PersistentState("record", StorageNames.Ledger)] IPersistentState<RunRecordState> state,
    ILogStore store,
    IOptions<WitnessingOptions> witnessing) : Grain, IRunRecordGrain
{
    // Logged bytes never change, so their consistency is read once per activation, in one pass over the bytes (a record
    // of tens of MB parsed into a tree would cost several times its size).
    private bool? _selfConsistent;
    private (string BenchmarkHash, LogPosition Position)? _board;

    // Without a witness policy there are no policy keys, so attestations alone cannot make a record `reproduced`.
    private WitnessPolicy? Policy => witnessing.Value.Policy;

    public async Task<RecordView?> Get()
    {
        var stored = await store.GetRecordAsync(this.GetPrimaryKeyString());
        if (stored is null) return null;
        var witnessed = (await GrainFactory.GetGrain<ILogShardGrain>(stored.Shard).GetInfo()).WitnessedSize;
        var evidence = Evidence();
        // Logged records passed the gateway's integrity and signature checks; one whose aggregate its results contradict is self-reported.
        // The one-pass check keeps a large record from being parsed on every read; only a contradicting one is parsed, to name why.
        var selfConsistent = _selfConsistent ??= Core.Records.RecordConsistency.Holds(stored.Json);
        var contradiction = selfConsistent ? null : Core.Records.RunRecord.Parse(stored.Json).Body.Contradiction();
        var standing = RecordStanding.Decide(Standings.Evidence(stored.Index < witnessed, evidence, contradiction is null), contradiction);
        return new RecordView(stored.Json, new LogPosition(stored.Shard, stored.Index), [.. state.State.Attestations], standing.TierName,
            state.State.Reproduction);
    }

    public async Task<bool> AddAttestation(Attestation attestation)
    {
        if (state.State.Attestations.Any(a => a.PublicKey == attestation.PublicKey && a.Statement == attestation.Statement)) return false;
        var before = Evidence();
        state.State.Attestations.Add(attestation);
        try { await state.WriteStateAsync(); }
        catch
        {
            // Not kept unless durable, so the attester's retry is not told it is "already held".
            state.State.Attestations.Remove(attestation);
            throw;
        }
        if (Evidence() != before) await TellBoardAsync();
        return true;
    }

    public Task<ReproductionOutcome?> GetReproduction() => Task.FromResult(state.State.Reproduction);

    public async Task SetReproduction(ReproductionOutcome outcome)
    {
        if (state.State.Reproduction is not { } known || known.Reproduced != outcome.Reproduced || known.Detail != outcome.Detail)
        {
            state.State.Reproduction = outcome;
            await state.WriteStateAsync();
        }
        // Told even when unchanged: a board rebuilt from the log asks again and must hear the answer.
        await TellBoardAsync();
    }

    private ReproductionEvidence Evidence() => new(state.State.Reproduction,
        ReproductionQuorum.Holds(Policy, state.State.Attestations.Select(a => (a.PublicKey, a.Statement))));

    // The board finds the record's row by its benchmark and log position (it keeps no map of ids); read once per activation.
    private async Task TellBoardAsync()
    {
        if (_board is null)
        {
            // A record not logged has no row to move: evidence about it reaches the board when the record is logged and re-run.
            if (await store.GetRecordAsync(this.GetPrimaryKeyString()) is not { } stored) return;
            _board = (Core.Records.RunRecord.Parse(stored.Json).Body.Benchmark.ContentHash, new LogPosition(stored.Shard, stored.Index));
        }
        var (benchmarkHash, position) = _board.Value;
        await GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).ReproductionChanged(this.GetPrimaryKeyString(), benchmarkHash, position, Evidence());
    }
}
