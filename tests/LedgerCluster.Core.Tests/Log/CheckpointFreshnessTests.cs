using LedgerCluster.Core.Log;

namespace LedgerCluster.Core.Tests.Log;

public sealed class CheckpointFreshnessTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_shard_is_stale_only_when_entries_wait_and_its_checkpoint_is_older_than_the_maximum()
    {
        var stale = CheckpointFreshness.StaleShards(
        [
            new ShardSigning(0, Now.AddSeconds(-61.5), 3),   // waiting, too old: stale
            new ShardSigning(1, Now.AddSeconds(-3600), 0),   // idle for an hour: an idle shard signs nothing, not stale
            new ShardSigning(2, Now.AddSeconds(-60), 5),     // exactly the maximum: not yet
            new ShardSigning(3, Now.AddSeconds(-90), 1),
        ], Now, Max);

        Assert.Equal(
        [
            "shard 0 has not signed a checkpoint for 61 s (maximum 60 s) while 3 entries wait to be signed",
            "shard 3 has not signed a checkpoint for 90 s (maximum 60 s) while 1 entry waits to be signed",
        ], stale);
    }

    [Fact]
    public void The_age_is_whole_seconds_and_never_negative_when_a_clock_is_behind()
    {
        Assert.Equal(61, CheckpointFreshness.AgeSeconds(new ShardSigning(0, Now.AddSeconds(-61.9), 0), Now));
        Assert.Equal(0, CheckpointFreshness.AgeSeconds(new ShardSigning(0, Now.AddSeconds(5), 0), Now));
    }
}
