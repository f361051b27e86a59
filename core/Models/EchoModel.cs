using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Models;

/// <summary>
/// Deterministic and offline: returns the text after the last "Answer:" marker, else the last non-empty line (Python
/// <c>splitlines</c> semantics, so U+2028 and friends break lines too). It exists to exercise the pipeline, not to score.
/// </summary>
public sealed class EchoModel : IModel
{
    public const string Marker = "Answer:";

    public ModelInfo Info { get; } = new("mock", "echo", "1", new JObject { { "marker", Marker } });

    public bool IsDeterministic => true;

    public Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ModelOutput(Reply(prompt)));

    public static string Reply(string prompt)
    {
        var marker = prompt.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker >= 0) return PythonString.Strip(prompt[(marker + Marker.Length)..]);
        return PythonString.SplitLines(prompt).Select(PythonString.Strip).LastOrDefault(line => line.Length > 0) ?? "";
    }
}
