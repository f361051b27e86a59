using System.CommandLine;
using LedgerCluster.Core.Models;

namespace LedgerCluster.Client.Cli;

/// <summary>The model options `run` and `verify` share; every decoding value sent ends up in the record's model.params.</summary>
public sealed class ModelFlags
{
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Server root for openai/ollama/anthropic models (e.g. http://127.0.0.1:8000/v1)" };
    public Option<double?> Temperature { get; } = new("--temperature") { Description = "Sampling temperature sent to the model" };
    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "Generation limit sent to the model (max_tokens / num_predict)" };
    public Option<int> TimeoutSeconds { get; } = new("--timeout") { Description = "Seconds per model request", DefaultValueFactory = _ => 120 };

    public void AddTo(Command command)
    {
        command.Options.Add(BaseUrl);
        command.Options.Add(Temperature);
        command.Options.Add(MaxTokens);
        command.Options.Add(TimeoutSeconds);
    }

    public IModel Create(ParseResult parse, string spec, long seed)
    {
        try
        {
            return ModelSpec.Parse(spec, new ModelOptions
            {
                BaseUrl = parse.GetValue(BaseUrl),
                Temperature = parse.GetValue(Temperature),
                MaxTokens = parse.GetValue(MaxTokens),
                Seed = seed,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(TimeoutSeconds)),
            });
        }
        catch (Exception e) when (e is ArgumentException or ModelException or FileNotFoundException)
        {
            // The adapters name themselves ("openai: ..."); the flag already does.
            var provider = spec.Split(':', 2)[0] + ": ";
            throw new CliException($"--model {spec}: {(e.Message.StartsWith(provider, StringComparison.Ordinal) ? e.Message[provider.Length..] : e.Message)}");
        }
    }
}
