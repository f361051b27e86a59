using LedgerCluster.Core.Log;

namespace LedgerCluster.Core.Tests.Log;

/// <summary>The log invariants kept with a store: their text round-trips, and a mismatch is named in one line.</summary>
public sealed class LogInvariantsTests
{
    [Fact]
    public void The_text_round_trips()
    {
        var invariants = LogInvariants.Current(4, "ledgercluster.local");
        Assert.Equal("shards 4\norigin_prefix ledgercluster.local\nformat 1\n", invariants.ToText());
        Assert.Equal(invariants, LogInvariants.Parse(invariants.ToText()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shards 4\norigin_prefix x\n")]
    [InlineData("shards 0\norigin_prefix x\nformat 1\n")]
    [InlineData("shards four\norigin_prefix x\nformat 1\n")]
    public void A_damaged_text_is_refused(string text) => Assert.Throws<FormatException>(() => LogInvariants.Parse(text));

    [Fact]
    public void A_mismatch_names_what_the_store_holds_and_what_does_not_match()
    {
        var stored = LogInvariants.Current(4, "ledgercluster.local");
        Assert.Null(stored.Mismatch(LogInvariants.Current(4, "ledgercluster.local"), "data/"));
        Assert.Equal("data/ holds a 4-shard log (origin prefix ledgercluster.local/shard/, format 1); --shards 2 does not match",
            stored.Mismatch(LogInvariants.Current(2, "ledgercluster.local"), "data/"));
        Assert.Equal("data/ holds a 4-shard log (origin prefix ledgercluster.local/shard/, format 2); this version's store format 1 does not match",
            (stored with { FormatVersion = 2 }).Mismatch(stored, "data/"));
    }
}
