using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Models;

/// <summary>
/// POSTs JSON to a model API with a per-attempt timeout and bounded retries (exponential backoff on 408/409/425/429,
/// 5xx, timeouts and connection errors; Retry-After honoured). Failures name the provider, URL, status and a body excerpt.
/// </summary>
internal sealed class ModelHttp
{
    private const int ExcerptLength = 300;

    // One pool for every adapter (HttpClient is meant to be shared); timeouts are per attempt, via cancellation.
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = 64 * 1024 * 1024,
    };

    private readonly string _provider;
    private readonly ModelOptions _options;
    private readonly HttpClient _client;

    public ModelHttp(string provider, ModelOptions options)
    {
        _provider = provider;
        _options = options;
        _client = options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }
            : Shared;
    }

    public sealed record Reply(JObject Body, double LatencyMs);

    public async Task<Reply> PostJsonAsync(Uri url, JObject body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var payload = CanonicalJson.SerializeToUtf8(body);
        var attempts = Math.Max(0, _options.Retries) + 1;
        for (var attempt = 1; ; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(_options.Timeout);
            string failure;
            TimeSpan? retryAfter = null;
            HttpStatusCode? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                var clock = Stopwatch.StartNew();
                using var response = await _client.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(attemptCts.Token).ConfigureAwait(false);
                var latency = clock.Elapsed.TotalMilliseconds;
                if (response.IsSuccessStatusCode) return new Reply(ParseObject(url, text), latency);
                status = response.StatusCode;
                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}";
                if (!IsRetryable(response.StatusCode)) throw Fail(url, failure, attempt, status);
                retryAfter = RetryAfter(response);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no response within {_options.Timeout.TotalSeconds:0.###} s";
            }
            catch (HttpRequestException e)
            {
                failure = $"connection failed: {e.Message}";
            }
            if (attempt >= attempts) throw Fail(url, failure, attempt, status);
            await Task.Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    private ModelException Fail(Uri url, string failure, int attempts, HttpStatusCode? status) =>
        new($"{_provider}: POST {url} failed{(attempts > 1 ? $" after {attempts} attempts" : "")}: {failure}", status);

    private JObject ParseObject(Uri url, string text)
    {
        try
        {
            return JsonParser.Parse(text) as JObject
                ?? throw new ModelException($"{_provider}: POST {url} returned JSON that is not an object: {Excerpt(text)}");
        }
        catch (JsonParseException e)
        {
            throw new ModelException($"{_provider}: POST {url} returned invalid JSON ({e.Message}): {Excerpt(text)}", inner: e);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status is 408 or 409 or 425 or 429 or >= 500 and <= 599;

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        var delay = retryAfter is { } server && server > exponential ? server : exponential;
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    internal static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length == 0) return "(empty body)";
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength] + "…";
    }

    /// <summary>Joins a base URL and a path; the base must be an absolute http(s) URL.</summary>
    public static Uri Endpoint(string provider, string baseUrl, string path)
    {
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + path, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ModelException($"{provider}: base URL \"{baseUrl}\" is not an absolute http(s) URL");
        return uri;
    }
}
