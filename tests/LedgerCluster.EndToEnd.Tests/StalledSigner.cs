using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Log;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The test-only checkpoint fault as a signer that cannot sign (a key service that stopped answering): once stalled,
/// every shard's next signature waits until <see cref="Release"/>, so appends wait in the shard unsigned.
/// </summary>
public sealed class StalledSigner : ICheckpointFault
{
    private TaskCompletionSource _gate = Open();

    public Checkpoint Alter(int shard, Checkpoint honest) => honest;

    public Task BeforeSigningAsync(int shard) => _gate.Task;

    public void Stall() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
