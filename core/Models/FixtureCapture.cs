using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Models;

/// <summary>
/// Wraps any model and records each prompt's first output, so a live run can be saved as a fixture and replayed
/// offline by anyone (<c>fixture:&lt;path&gt;</c>). The wrapped model's identity is unchanged.
/// </summary>
public sealed class FixtureCapture(IModel inner) : IModel
{
    private readonly Lock _gate = new();
    private readonly List<KeyValuePair<string, string>> _responses = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IModel Inner { get; } = inner;

    public ModelInfo Info => Inner.Info;

    public bool IsDeterministic => Inner.IsDeterministic;

    /// <summary>verievals' naming for captured runs, e.g. "gemma3:1b-capture".</summary>
    public string DefaultName => $"{Inner.Info.Name}-capture";

    public int Count
    {
        get { lock (_gate) return _responses.Count; }
    }

    public async Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default)
    {
        var output = await Inner.GenerateAsync(prompt, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_seen.Add(prompt)) _responses.Add(new(prompt, output.Text));
        }
        return output;
    }

    public FixtureFile ToFixture(string? name = null)
    {
        lock (_gate) return new FixtureFile(name ?? DefaultName, _responses.ToArray());
    }

    public void Save(string path, string? name = null) => ToFixture(name).Save(path);
}
