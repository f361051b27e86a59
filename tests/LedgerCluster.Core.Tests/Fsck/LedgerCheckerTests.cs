using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Fsck;

/// <summary>Every check of `ledger fsck`, on an in-memory log broken in one place at a time.</summary>
public sealed class LedgerCheckerTests
{
    private static async Task<FsckProblem> ProblemOf(FakeLedger ledger)
    {
        var report = await LedgerChecker.CheckAsync(ledger);
        Assert.False(report.Clean, "fsck found nothing wrong");
        return report.Problem!;
    }

    // A shard with at least `min` leaves, to break.
    private static int ShardWith(FakeLedger ledger, int min) => Enumerable.Range(0, FakeLedger.ShardCount).First(s => ledger.Leaves[s].Count >= min);

    [Fact]
    public async Task A_sound_log_is_clean_and_progress_reaches_the_total()
    {
        var ledger = new FakeLedger();
        var reports = new List<FsckProgress>();
        var report = await LedgerChecker.CheckAsync(ledger, new Inline(reports.Add));
        Assert.True(report.Clean, report.Problem?.ToString());
        Assert.Equal(40, report.Leaves);
        Assert.Equal(ledger.Checkpoints.Sum(c => c.Count), report.Shards.Sum(s => s.Checkpoints));
        Assert.Equal(new FsckProgress(40, 40), reports[^1]);
    }

    [Fact]
    public async Task An_empty_log_is_clean()
    {
        var report = await LedgerChecker.CheckAsync(new FakeLedger(records: 0));
        Assert.True(report.Clean);
        Assert.Equal(0, report.Leaves);
    }

    [Fact]
    public async Task A_missing_leaf_is_named_by_index()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 6);
        ledger.Leaves[shard].RemoveAt(4);
        var problem = await ProblemOf(ledger);
        Assert.Equal((shard, FsckChecks.LeafMissing, 4L), (problem.Shard, problem.Check, problem.Index));
        Assert.Equal("the next stored leaf is 5", problem.Found);
    }

    [Fact]
    public async Task A_missing_last_leaf_is_one_the_latest_checkpoint_covers()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 3);
        var last = ledger.Leaves[shard].Count - 1;
        ledger.Leaves[shard].RemoveAt(last);
        var problem = await ProblemOf(ledger);
        Assert.Equal((shard, FsckChecks.LeafMissing, (long)last), (problem.Shard, problem.Check, problem.Index));
    }

    [Fact]
    public async Task Record_ids_must_be_hex_routed_here_and_unique()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 6);
        ledger.Leaves[shard][2] = ledger.Leaves[shard][2] with { RecordId = "ABC" };
        Assert.Equal((FsckChecks.RecordIdFormat, 2L), Of(await ProblemOf(ledger)));

        ledger = new FakeLedger();
        var other = ledger.Leaves[(shard + 1) % FakeLedger.ShardCount].Concat(ledger.Leaves[(shard + 2) % FakeLedger.ShardCount]).First();
        ledger.Leaves[shard][3] = ledger.Leaves[shard][3] with { RecordId = other.RecordId };
        var misrouted = await ProblemOf(ledger);
        Assert.Equal((FsckChecks.RecordRouting, 3L), Of(misrouted));
        Assert.Contains($"routes to shard {ShardRouter.ShardOf(other.RecordId, 4)} of 4", misrouted.Found, StringComparison.Ordinal);

        ledger = new FakeLedger();
        ledger.Leaves[shard][5] = ledger.Leaves[shard][5] with { RecordId = ledger.Leaves[shard][1].RecordId };
        var duplicate = await ProblemOf(ledger);
        Assert.Equal((FsckChecks.RecordDuplicate, 5L), Of(duplicate));
        Assert.EndsWith($"also at shard {shard} leaf 1", duplicate.Found, StringComparison.Ordinal);

        static (string, long?) Of(FsckProblem p) => (p.Check, p.Index);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_fails_its_signature()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 6);
        using var stranger = new NoteSigner(ledger.Signers[shard].Name, Ed25519KeyPair.Generate());
        ledger.Checkpoints[shard][0] = ledger.Sign(shard, 3, signer: stranger);
        var problem = await ProblemOf(ledger);
        Assert.Equal((shard, FsckChecks.CheckpointSignature, 3L), (problem.Shard, problem.Check, problem.CheckpointSize));
    }

    [Fact]
    public async Task A_validly_signed_checkpoint_with_a_wrong_root_is_caught_by_recomputing_it()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 6);
        ledger.Checkpoints[shard][1] = ledger.Sign(shard, 6, root: new byte[32]);
        var problem = await ProblemOf(ledger);
        Assert.Equal((shard, FsckChecks.CheckpointRoot, 6L), (problem.Shard, problem.Check, problem.CheckpointSize));
        Assert.Equal($"signed root {Convert.ToBase64String(new byte[32])}", problem.Found);
    }

    [Fact]
    public async Task Stored_size_and_root_must_agree_with_the_note()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 6);
        ledger.Checkpoints[shard][0] = ledger.Checkpoints[shard][0] with { Root = new byte[32] };
        var problem = await ProblemOf(ledger);
        Assert.Equal((FsckChecks.CheckpointRow, 3L), (problem.Check, problem.CheckpointSize));
        Assert.StartsWith("stored root AAAA", problem.Found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaf_past_the_latest_checkpoint_was_never_signed()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 4);
        var count = ledger.Leaves[shard].Count;
        ledger.Checkpoints[shard].RemoveAll(c => c.Size == count);
        ledger.Checkpoints[shard].Add(ledger.Sign(shard, count - 1));
        var problem = await ProblemOf(ledger);
        Assert.Equal((shard, FsckChecks.UnsignedLeaf, (long)count - 1), (problem.Shard, problem.Check, problem.Index));
    }

    [Fact]
    public async Task A_served_consistency_proof_that_does_not_verify_is_reported()
    {
        var ledger = new FakeLedger { Proofs = (_, from, _) => from == 3 ? [new byte[32]] : null };
        var problem = await ProblemOf(ledger);
        Assert.Equal((FsckChecks.CheckpointConsistency, 3L), (problem.Check, problem.CheckpointSize));
    }

    [Fact]
    public async Task A_shard_with_checkpoints_but_no_key_is_reported()
    {
        var ledger = new FakeLedger();
        ledger.Keys[1] = null;
        var problem = await ProblemOf(ledger);
        Assert.Equal((1, FsckChecks.ShardKey), (problem.Shard, problem.Check));
    }

    [Fact]
    public async Task A_live_log_is_checked_up_to_the_checkpoint_it_served_when_fsck_began()
    {
        var ledger = new FakeLedger();
        var shard = ShardWith(ledger, 7);
        // Served at size 6; the leaves and checkpoints after it arrived while fsck ran.
        ledger.Served[shard] = ledger.Sign(shard, 6).Note;
        var report = await LedgerChecker.CheckAsync(ledger);
        Assert.True(report.Clean, report.Problem?.ToString());
        Assert.Equal(6, report.Shards[shard].Leaves);
    }

    private sealed class Inline(Action<FsckProgress> report) : IProgress<FsckProgress>
    {
        public void Report(FsckProgress value) => report(value);
    }
}
