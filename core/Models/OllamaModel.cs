using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Models;

/// <summary>
/// A model served by Ollama (<c>POST /api/generate</c>, no streaming). Sends and records temperature, seed and
/// num_predict with verievals' names and defaults (0.0, the run seed or 0, 512); output is stripped like verievals does.
/// </summary>
public sealed class OllamaModel : IModel
{
    public const string DefaultModel = "gemma3:1b";
    public const string DefaultBaseUrl = "http://localhost:11434";
    public const int DefaultNumPredict = 512;

    private readonly ModelHttp _http;
    private readonly Uri _endpoint;
    private readonly JObject _options;

    public OllamaModel(string model, ModelOptions options)
    {
        Model = model;
        var baseUrl = options.BaseUrl ?? options.Environment("OLLAMA_HOST") ?? DefaultBaseUrl;
        if (!baseUrl.Contains("://", StringComparison.Ordinal)) baseUrl = "http://" + baseUrl; // OLLAMA_HOST is often host:port
        _endpoint = ModelHttp.Endpoint("ollama", baseUrl, "/api/generate");
        _http = new ModelHttp("ollama", options);
        _options = new JObject
        {
            { "temperature", options.Temperature ?? 0.0 }, { "seed", options.Seed ?? 0 }, { "num_predict", (long)(options.MaxTokens ?? DefaultNumPredict) },
        };
        var recorded = new JObject(_options.Members);
        if (options.SystemPrompt is { } system) recorded.Add("system", system);
        SystemPrompt = options.SystemPrompt;
        Info = new ModelInfo("ollama", model, model, recorded);
    }

    public string Model { get; }
    public string? SystemPrompt { get; }
    public Uri Endpoint => _endpoint;
    public ModelInfo Info { get; }

    public async Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default)
    {
        var request = new JObject { { "model", Model }, { "prompt", prompt }, { "stream", false }, { "options", new JObject(_options.Members) } };
        if (SystemPrompt is not null) request.Add("system", SystemPrompt);
        var reply = await _http.PostJsonAsync(_endpoint, request, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
        var response = new ResponseReader("ollama", _endpoint, reply.Body);
        var text = response.OptionalString("response") ?? throw response.Missing("\"response\"");
        var finish = response.OptionalString("done_reason") switch
        {
            "stop" => "stop",
            "length" => "length",
            _ => null,
        };
        return new ModelOutput(PythonString.Strip(text), finish, response.OptionalInt("eval_count"), reply.LatencyMs);
    }
}
