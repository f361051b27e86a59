using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Models;

/// <summary>
/// Any OpenAI-compatible Chat Completions server (<c>POST {base}/chat/completions</c>). Sends and records
/// max_tokens (default 1024), temperature (default 0.0) and seed (the run seed, default 0). The API key comes from
/// OPENAI_API_KEY; it is required for api.openai.com and optional for other base URLs (local servers).
/// </summary>
public sealed class OpenAIModel : IModel
{
    public const string DefaultModel = "gpt-4o-mini";
    public const string DefaultBaseUrl = "https://api.openai.com/v1";
    public const int DefaultMaxTokens = 1024;
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    private readonly ModelHttp _http;
    private readonly Dictionary<string, string> _headers = new(StringComparer.Ordinal);

    public OpenAIModel(string model, ModelOptions options)
    {
        Model = model;
        var baseUrl = options.BaseUrl ?? DefaultBaseUrl;
        Endpoint = ModelHttp.Endpoint("openai", baseUrl, "/chat/completions");
        var key = options.Environment(ApiKeyVariable);
        if (!string.IsNullOrEmpty(key)) _headers["Authorization"] = $"Bearer {key}";
        else if (Endpoint.Host == "api.openai.com")
            throw new ModelException($"openai: {ApiKeyVariable} is not set (it is only optional with --base-url pointing at a server that needs no key)");
        _http = new ModelHttp("openai", options);
        SystemPrompt = options.SystemPrompt;
        Params = new JObject
        {
            { "max_tokens", (long)(options.MaxTokens ?? DefaultMaxTokens) }, { "temperature", options.Temperature ?? 0.0 }, { "seed", options.Seed ?? 0 },
        };
        var recorded = new JObject(Params.Members);
        if (SystemPrompt is not null) recorded.Add("system", SystemPrompt);
        Info = new ModelInfo("openai", model, model, recorded);
    }

    public string Model { get; }
    public string? SystemPrompt { get; }
    public Uri Endpoint { get; }
    public ModelInfo Info { get; }
    private JObject Params { get; }

    public async Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default)
    {
        var messages = new List<JValue>();
        if (SystemPrompt is not null) messages.Add(new JObject { { "role", "system" }, { "content", SystemPrompt } });
        messages.Add(new JObject { { "role", "user" }, { "content", prompt } });
        var request = new JObject { { "model", Model }, { "messages", new JArray(messages.ToArray()) } };
        foreach (var (key, value) in Params) request.Add(key, value);

        var reply = await _http.PostJsonAsync(Endpoint, request, _headers, cancellationToken).ConfigureAwait(false);
        var response = new ResponseReader("openai", Endpoint, reply.Body);
        if (response.At("choices", 0, "message") is not JObject) throw response.Missing("choices[0].message");
        var text = response.OptionalString("choices", 0, "message", "content") ?? ""; // null content (e.g. a refusal) is empty output
        var finish = response.OptionalString("choices", 0, "finish_reason") switch
        {
            "stop" or "tool_calls" or "function_call" => "stop",
            "length" => "length",
            "content_filter" => "error",
            _ => null,
        };
        return new ModelOutput(text, finish, response.OptionalInt("usage", "completion_tokens"), reply.LatencyMs);
    }
}
