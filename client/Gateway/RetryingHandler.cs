using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedgerCluster.Client.Gateway;

/// <summary>
/// Retries what the cluster could not serve yet: a 503 (failover, storage outage; `Retry-After` honoured) or a connection
/// reset or closed mid-answer, with the backoff of a <see cref="RetryPolicy"/>. Every gateway call may be repeated:
/// records are content-addressed, so the same record sent twice is one leaf, and the other writes (benchmarks,
/// attestations) are idempotent too. A refused connection is not retried: nothing listens there, and the caller should
/// hear so at once. Only requests whose body can be sent again (in memory) are retried.
/// </summary>
public sealed class RetryingHandler(RetryPolicy policy, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>An HTTP client for a gateway whose requests retry under <paramref name="policy"/>.</summary>
    public static HttpClient CreateClient(string baseUrl, RetryPolicy policy, TimeSpan timeout, HttpMessageHandler? transport = null) =>
        new(new RetryingHandler(policy, transport ?? new SocketsHttpHandler())) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = timeout };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        if (request.Content is not (null or ByteArrayContent or ReadOnlyMemoryContent)) return await base.SendAsync(request, cancel);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancel);
            }
            catch (HttpRequestException e) when (IsReset(e) && Pause(attempt, null, clock) is { } pause)
            {
                await Task.Delay(pause, cancel);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response;
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            if (Pause(attempt, retryAfter, clock) is not { } wait) return response;
            response.Dispose();
            await Task.Delay(wait, cancel);
        }
    }

    // Null when no attempt is left or the next one would start past the budget.
    private TimeSpan? Pause(int attempt, TimeSpan? retryAfter, Stopwatch clock)
    {
        if (attempt >= policy.MaxAttempts) return null;
        var pause = policy.DelayAfter(attempt, retryAfter);
        return clock.Elapsed + pause <= policy.Budget ? pause : null;
    }

    // The server went away under a request (it may or may not have handled it: a retry is safe, see above).
    private static bool IsReset(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ResponseEnded
        || e.InnerException is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown } }
        || e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted };
}
