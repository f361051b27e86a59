using LedgerCluster.Silo.Gateway;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// How <see cref="GatewayFailure"/> reads the exceptions the cluster and its stores throw (the same types the end-to-end
/// failover and storage tests meet for real): which are 503 and under which code, and what the detail may show.
/// </summary>
public sealed class GatewayFailureTests
{
    public static IEnumerable<object[]> Failures() =>
    [
        ["silo died", new SiloUnavailableException("The target silo became unavailable for message: Request [S127.0.0.1:1:2 ledger-shard/1]"), 503, "cluster_unavailable"],
        ["call timed out", new TimeoutException("Response did not arrive on time in 00:00:30"), 503, "cluster_unavailable"],
        ["disk full", new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), 503, "storage_unavailable"],
        ["grain storage wrapped by Orleans", new OrleansException("Error from storage provider SqliteGrainStorage.record", new SqliteException("SQLite Error 8: 'attempt to write a readonly database'.", 8)), 503, "storage_unavailable"],
        ["two activations met", new InconsistentStateException("shard 1: record or index already stored", new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)), 503, "cluster_unavailable"],
        ["shard reloading after a failed write", new InvalidOperationException("shard 0 is reloading after a storage failure; retry", new IOException("No space left on device")), 503, "storage_unavailable"],
        ["a bug", new NullReferenceException("Object reference not set to an instance of an object."), 500, "internal_error"],
    ];

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_gets_its_status_and_code(string what, Exception failure, int status, string error)
    {
        var answer = GatewayFailure.Of(failure);
        Assert.True(answer.Status == status && answer.Error == error, $"{what}: {answer}");
        Assert.Equal(status == 503, answer.RetryAfterSeconds is > 0);
    }

    [Fact]
    public void The_detail_is_one_line_without_stack_trace_or_paths_but_keeps_links()
    {
        Exception thrown;
        try { throw new IOException("The file '/srv/ledger/data/ledger.db' already exists.\n   at LedgerCluster.Grains.Storage.SqliteFiles.CreatePrivate() in /work/grains/Storage/SqliteFiles.cs:line 9"); }
        catch (IOException e) { thrown = e; }
        var detail = GatewayFailure.Of(new OrleansException("Error from storage provider", thrown)).Detail;
        Assert.Equal("the ledger's storage failed: IOException: The file 'ledger.db' already exists.", detail);
        Assert.Contains("https://aka.ms/orleans-troubleshooting", GatewayFailure.Describe(new SiloUnavailableException("See https://aka.ms/orleans-troubleshooting for help.")));
    }
}
