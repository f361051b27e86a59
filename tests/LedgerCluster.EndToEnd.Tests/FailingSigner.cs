using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Log;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The test-only checkpoint fault as a bug: once armed, signing a checkpoint throws an exception nobody expects.</summary>
public sealed class FailingSigner : ICheckpointFault
{
    public const string Message = "the test's checkpoint signer failed";

    public volatile bool Armed;

    public Checkpoint Alter(int shard, Checkpoint honest) => Armed ? throw new InvalidOperationException(Message) : honest;
}
