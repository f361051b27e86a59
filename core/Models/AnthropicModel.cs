using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Models;

/// <summary>
/// Claude via the Anthropic Messages API (<c>POST {base}/v1/messages</c>, anthropic-version 2023-06-01). Sends and
/// records max_tokens (default 1024) and, only when given, temperature: some Claude models reject it, which is also why
/// verievals sends none by default. No seed: the API has none. The key comes from ANTHROPIC_API_KEY.
/// </summary>
public sealed class AnthropicModel : IModel
{
    public const string DefaultModel = "claude-opus-4-8";
    public const string DefaultBaseUrl = "https://api.anthropic.com";
    public const string ApiVersion = "2023-06-01";
    public const int DefaultMaxTokens = 1024;
    public const string ApiKeyVariable = "ANTHROPIC_API_KEY";

    private readonly ModelHttp _http;
    private readonly Dictionary<string, string> _headers = new(StringComparer.Ordinal) { ["anthropic-version"] = ApiVersion };

    public AnthropicModel(string model, ModelOptions options)
    {
        Model = model;
        Endpoint = ModelHttp.Endpoint("anthropic", options.BaseUrl ?? DefaultBaseUrl, "/v1/messages");
        var key = options.Environment(ApiKeyVariable);
        if (!string.IsNullOrEmpty(key)) _headers["x-api-key"] = key;
        else if (Endpoint.Host == "api.anthropic.com") throw new ModelException($"anthropic: {ApiKeyVariable} is not set");
        _http = new ModelHttp("anthropic", options);
        SystemPrompt = options.SystemPrompt;
        Params = new JObject { { "max_tokens", (long)(options.MaxTokens ?? DefaultMaxTokens) } };
        if (options.Temperature is { } temperature) Params.Add("temperature", temperature);
        var recorded = new JObject(Params.Members);
        if (SystemPrompt is not null) recorded.Add("system", SystemPrompt);
        Info = new ModelInfo("anthropic", model, model, recorded);
    }

    public string Model { get; }
    public string? SystemPrompt { get; }
    public Uri Endpoint { get; }
    public ModelInfo Info { get; }
    private JObject Params { get; }

    public async Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default)
    {
        var request = new JObject
        {
            { "model", Model }, { "messages", new JArray(new JObject { { "role", "user" }, { "content", prompt } }) },
        };
        foreach (var (key, value) in Params) request.Add(key, value);
        if (SystemPrompt is not null) request.Add("system", SystemPrompt);

        var reply = await _http.PostJsonAsync(Endpoint, request, _headers, cancellationToken).ConfigureAwait(false);
        var response = new ResponseReader("anthropic", Endpoint, reply.Body);
        if (response.At("content") is not JArray content) throw response.Missing("\"content\"");
        var text = string.Concat(content.Items.OfType<JObject>()
            .Where(block => block["type"] is JString { Value: "text" })
            .Select(block => block["text"] is JString s ? s.Value : ""));
        var finish = response.OptionalString("stop_reason") switch
        {
            "end_turn" or "stop_sequence" or "tool_use" => "stop",
            "max_tokens" or "model_context_window_exceeded" => "length",
            "refusal" => "error",
            _ => null,
        };
        return new ModelOutput(text, finish, response.OptionalInt("usage", "output_tokens"), reply.LatencyMs);
    }
}
