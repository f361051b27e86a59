using System.Collections.Concurrent;
using System.Diagnostics;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Reads the board as its readers do: one reader per endpoint, each with one request in flight, the readers side by
/// side. A read's time runs from sending to the last byte of the answer; only answers that check out are timed.
/// </summary>
public static class BoardReadLoop
{
    /// <summary>No read set runs longer than this, however slow the reads (what was read by then is reported).</summary>
    public static readonly TimeSpan SetLimit = TimeSpan.FromMinutes(5);

    /// <param name="keepGoing">Checked before each read; false ends the set early (the ingest it runs beside is ending).</param>
    public static async Task<BoardReadSet> RunAsync(HttpClient http, string condition, int reads, Func<bool> keepGoing, Action<int> advance, CancellationToken cancel)
    {
        var latencies = new ConcurrentDictionary<string, List<double>>();
        var errors = new ErrorTally();
        long firstTotal = -1, lastTotal = -1;
        var clock = Stopwatch.StartNew();

        async Task Reader(BoardEndpoint endpoint)
        {
            var times = latencies.GetOrAdd(endpoint.Key, _ => new List<double>(reads));
            for (var i = 0; i < reads && keepGoing() && clock.Elapsed < SetLimit; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(endpoint.Path, cancel);
                    var body = await response.Content.ReadAsByteArrayAsync(cancel);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var (problem, total) = endpoint.Check(response, body);
                    if (problem is not null) errors.Add($"{endpoint.Key}: {(int)response.StatusCode}", problem);
                    else times.Add(elapsed);
                    if (total is { } rows)
                    {
                        Interlocked.CompareExchange(ref firstTotal, rows, -1);
                        Interlocked.Exchange(ref lastTotal, rows);
                    }
                }
                catch (HttpRequestException e)
                {
                    errors.Add($"{endpoint.Key}: {e.GetType().Name}", e.Message);
                }
                catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
                {
                    errors.Add($"{endpoint.Key}: timeout", e.Message);
                }
                advance(1);
            }
        }

        await Task.WhenAll(BoardEndpoint.All.Select(e => Task.Run(() => Reader(e), cancel)));
        return new BoardReadSet(condition, reads, latencies.ToDictionary(l => l.Key, l => LatencyStats.Of(l.Value)), errors,
            Math.Max(0, firstTotal), Math.Max(0, lastTotal), clock.Elapsed.TotalSeconds);
    }

    /// <summary>A client for the reads alone: its own connections, no proxy, no retries (a slow or failed read is what is measured).</summary>
    public static HttpClient CreateHttp(string url) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = BoardEndpoint.All.Count + 1,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        BaseAddress = new Uri(url.TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromMinutes(2),
    };
}
