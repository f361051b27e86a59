using System.Net.Http.Headers;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Witness;

/// <summary>POSTs add-checkpoint requests to witnesses run by other parties (c2sp.org/tlog-witness over HTTP).</summary>
internal static class ExternalWitnessClient
{
    // One client for the process: connections to each witness are pooled and reused across rounds.
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<WitnessReply> AddCheckpointAsync(string url, byte[] body, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        try
        {
            using var response = await Http.PostAsync(url.TrimEnd('/') + "/add-checkpoint", content, cancel.Token);
            var text = await response.Content.ReadAsStringAsync(cancel.Token);
            return new WitnessReply((int)response.StatusCode, text, response.Content.Headers.ContentType?.MediaType ?? "");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
        }
    }
}
