using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Models;

/// <summary>
/// Replays recorded outputs (see <see cref="FixtureFile"/>): how a non-deterministic model's run becomes reproducible
/// offline. Recorded as provider "mock", the fixture's name, version "1", no params, exactly like verievals.
/// </summary>
public sealed class FixtureModel(FixtureFile fixture, string? source = null) : IModel
{
    public FixtureFile Fixture { get; } = fixture;

    public ModelInfo Info { get; } = new("mock", fixture.Name, "1", new JObject());

    public bool IsDeterministic => true;

    public static FixtureModel Load(string path) => new(FixtureFile.Load(path), path);

    public Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default) =>
        Fixture.TryGet(prompt, out var output)
            ? Task.FromResult(new ModelOutput(output))
            : Task.FromException<ModelOutput>(new ModelException(
                $"fixture '{Fixture.Name}'{(source is null ? "" : $" ({source})")} has no response for prompt " +
                $"{FixtureFile.Describe(prompt)} (sha256 {FixtureFile.KeyOf(prompt)})"));
}
