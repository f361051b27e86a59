namespace LedgerCluster.Client.Gateway;

/// <summary>
/// How long a client keeps retrying a request the cluster could not serve yet (503, or a connection reset under it):
/// exponential backoff from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, never sooner than the server's
/// `Retry-After`, at most <see cref="MaxAttempts"/> tries and no retry that would start after <see cref="Budget"/>.
/// The default outlasts a silo failover (Orleans declares a dead silo dead and moves its grains in about 15 s).
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Budget)
{
    public static RetryPolicy Default { get; } = new(12, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60));

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1 (attempts count from 1).</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, attempt - 1)));
        // Up to a quarter more, at random: clients refused together do not all come back in the same instant.
        backoff += TimeSpan.FromTicks((long)(backoff.Ticks * 0.25 * Random.Shared.NextDouble()));
        return retryAfter is { } wait && wait > backoff ? TimeSpan.FromTicks(Math.Min(wait.Ticks, Budget.Ticks)) : backoff;
    }
}
