namespace LedgerCluster.Core.Models;

/// <summary>
/// Settings for the model adapters. Null decoding values mean "the adapter's default"; whatever is finally sent is
/// recorded in <see cref="LedgerCluster.Core.Records.ModelInfo.Params"/>.
/// </summary>
public sealed record ModelOptions
{
    public static ModelOptions Default { get; } = new();

    /// <summary>Server root for the HTTP adapters (e.g. http://localhost:8000/v1 for an OpenAI-compatible server).</summary>
    public string? BaseUrl { get; init; }

    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>The run's seed, sent to the models that accept one (Ollama, OpenAI).</summary>
    public long? Seed { get; init; }

    /// <summary>Optional system prompt; recorded as <c>params.system</c> like verievals does.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Per-attempt time limit for one HTTP request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Extra attempts after a retryable failure (429, 5xx, 408/409/425, timeout, connection error).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>First backoff delay; doubled per retry, capped by <see cref="MaxRetryDelay"/> (a Retry-After header wins when larger).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where API keys and host variables are read from; replaceable so tests never touch the real environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Custom HTTP handler (proxies, tests); null uses one shared connection pool.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
