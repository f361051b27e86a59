using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Per-signing-key token buckets: one noisy submitter cannot starve the others.</summary>
public sealed class SubmissionRateLimiter(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.RecordsPerSecondPerKey,
            TokensPerPeriod = options.Value.RecordsPerSecondPerKey,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes <paramref name="count"/> permits for <paramref name="publicKey"/>; false when over the limit.</summary>
    public bool TryAcquire(string publicKey, int count = 1)
    {
        using var lease = _limiter.AttemptAcquire(publicKey, count);
        return lease.IsAcquired;
    }

    public IResult Refuse(string publicKey) =>
        new ApiError("rate_limited", $"too many submissions for key {publicKey}; limit {options.Value.RecordsPerSecondPerKey}/s").ToResult(StatusCodes.Status429TooManyRequests);

    public void Dispose() => _limiter.Dispose();
}
