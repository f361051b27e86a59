using System.Threading.Channels;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// This gateway's subscription to the "all" board, shared by every open event stream: one grain observer per silo
/// (renewed well before it expires, which also re-subscribes after the board moved or re-activated), fanned out to a
/// bounded channel per listener so a slow browser only loses its own oldest events.
/// </summary>
public sealed class LeaderboardFeed(IGrainFactory grains, ILogger<LeaderboardFeed> log) : ILeaderboardObserver, IDisposable
{
    private static readonly TimeSpan Renewal = LeaderboardKeys.SubscriptionLifetime / 4;
    private readonly Lock _gate = new();
    private readonly List<Channel<BoardChange>> _listeners = [];
    private ILeaderboardObserver? _reference;
    private Timer? _renewal;

    /// <summary>Starts listening (subscribing this silo on first use); dispose the listener to stop.</summary>
    public async Task<FeedListener> ListenAsync()
    {
        var channel = Channel.CreateBounded<BoardChange>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        bool first;
        lock (_gate)
        {
            _listeners.Add(channel);
            first = _reference is null;
            _reference ??= grains.CreateObjectReference<ILeaderboardObserver>(this);
        }
        if (first)
        {
            await SubscribeAsync();
            _renewal = new Timer(_ => _ = SubscribeAsync(), null, Renewal, Renewal);
        }
        return new FeedListener(channel.Reader, () => { lock (_gate) _listeners.Remove(channel); });
    }

    public void OnChanged(BoardChange change)
    {
        lock (_gate)
            foreach (var listener in _listeners) listener.Writer.TryWrite(change);
    }

    private async Task SubscribeAsync()
    {
        try { await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).Subscribe(_reference!); }
        catch (Exception e) { log.LogWarning(e, "Leaderboard feed: subscribing failed; retrying in {Renewal}", Renewal); }
    }

    public void Dispose() => _renewal?.Dispose();
}
