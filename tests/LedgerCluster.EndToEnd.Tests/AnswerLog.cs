using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Watches every answer a test's HTTP client receives (it changes nothing) and keeps each server-side failure (5xx) that
/// is not a proper "wait and retry": 503 with `Retry-After` and a JSON `{error, detail}` body.
/// </summary>
public sealed class AnswerLog(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<string> _improper = new();
    private int _unavailable;

    /// <summary>The 5xx answers that were not 503 + Retry-After + `{error, detail}`, described.</summary>
    public IReadOnlyCollection<string> Improper => _improper;

    /// <summary>How many proper 503 answers were seen.</summary>
    public int Unavailable => _unavailable;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        var response = await base.SendAsync(request, cancel);
        if ((int)response.StatusCode < 500) return response;
        await response.Content.LoadIntoBufferAsync(cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (IsProperUnavailable(response, body)) Interlocked.Increment(ref _unavailable);
        else _improper.Enqueue($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} Retry-After '{response.Headers.RetryAfter}' {response.Content.Headers.ContentType} '{body}'");
        return response;
    }

    private static bool IsProperUnavailable(HttpResponseMessage response, string body)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter?.Delta is not { TotalSeconds: > 0 }) return false;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 }
                && json.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
