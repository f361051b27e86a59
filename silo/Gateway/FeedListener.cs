using System.Threading.Channels;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>One open event stream's view of the <see cref="LeaderboardFeed"/>.</summary>
public sealed class FeedListener(ChannelReader<BoardChange> changes, Action stop) : IDisposable
{
    public ChannelReader<BoardChange> Changes { get; } = changes;

    public void Dispose() => stop();
}
