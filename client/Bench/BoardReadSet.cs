using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// The board reads of one condition (idle before, under ingest, idle after): each endpoint's latency over the reads
/// that answered a board, the reads that did not, and the board's row count at the first and last read.
/// </summary>
public sealed record BoardReadSet(string Condition, int Requested, IReadOnlyDictionary<string, LatencyStats> Latency, ErrorTally Errors,
    long FirstTotal, long LastTotal, double Seconds)
{
    public LatencyStats Of(BoardEndpoint endpoint) => Latency.GetValueOrDefault(endpoint.Key, LatencyStats.Empty);

    /// <summary>Every endpoint was read as often as asked.</summary>
    public bool Complete => BoardEndpoint.All.All(e => Of(e).Count + ErrorsOf(e) >= Requested);

    private int ErrorsOf(BoardEndpoint endpoint) => Errors.Kinds().Where(k => k.Kind.StartsWith(endpoint.Key + ":", StringComparison.Ordinal)).Sum(k => k.Count);

    public JObject ToJson()
    {
        var json = new JObject { { "requested_per_endpoint", Requested }, { "seconds", Math.Round(Seconds, 3) } };
        foreach (var endpoint in BoardEndpoint.All)
        {
            var l = Of(endpoint);
            json.Add(endpoint.Key, new JObject
            {
                { "request", endpoint.Label }, { "count", l.Count }, { "errors", ErrorsOf(endpoint) }, { "mean_ms", Math.Round(l.Mean, 3) },
                { "p50_ms", Math.Round(l.P50, 3) }, { "p90_ms", Math.Round(l.P90, 3) }, { "p99_ms", Math.Round(l.P99, 3) }, { "max_ms", Math.Round(l.Max, 3) },
            });
        }
        json.Add("board_rows_first", FirstTotal);
        json.Add("board_rows_last", LastTotal);
        json.Add("error_kinds", new JArray(Errors.Kinds().Select(k => (JValue)new JObject { { "kind", k.Kind }, { "count", k.Count }, { "detail", k.Detail } }).ToList()));
        return json;
    }
}
