namespace LedgerCluster.Core.Models;

/// <summary>
/// Model spec strings: <c>echo</c>, <c>fixture:&lt;path&gt;</c>, <c>ollama[:tag]</c>, <c>openai[:model]</c>,
/// <c>anthropic[:model]</c>. The provider is the text before the first ':', so <c>ollama:gemma3:1b</c> names gemma3:1b.
/// </summary>
public static class ModelSpec
{
    public static IReadOnlyList<string> KnownProviders { get; } = ["anthropic", "echo", "fixture", "ollama", "openai"];

    public static IModel Parse(string spec, ModelOptions? options = null)
    {
        options ??= ModelOptions.Default;
        var colon = spec.IndexOf(':');
        var provider = (colon < 0 ? spec : spec[..colon]).Trim();
        var rest = colon < 0 ? "" : spec[(colon + 1)..];
        return provider switch
        {
            "echo" when rest.Length == 0 => new EchoModel(),
            "echo" => throw Error(spec, "echo takes no argument"),
            "fixture" when rest.Length == 0 => throw Error(spec, "fixture needs a path: fixture:<path>"),
            "fixture" => FixtureModel.Load(rest),
            "ollama" => new OllamaModel(OrDefault(rest, OllamaModel.DefaultModel), options),
            "openai" => new OpenAIModel(OrDefault(rest, OpenAIModel.DefaultModel), options),
            "anthropic" => new AnthropicModel(OrDefault(rest, AnthropicModel.DefaultModel), options),
            _ => throw Error(spec, $"unknown model provider '{provider}' (known: {string.Join(", ", KnownProviders)})"),
        };
    }

    private static string OrDefault(string name, string fallback) => name.Length == 0 ? fallback : name;

    private static ArgumentException Error(string spec, string problem) => new($"model spec \"{spec}\": {problem}", nameof(spec));
}
