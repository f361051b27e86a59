using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Verification;

/// <summary>
/// Finds the deterministic model a record names, so the record can be re-run: `echo` (provider mock, name echo) and
/// fixtures (provider mock, named by the fixture's `name`, looked up among the fixture files of a folder).
/// Anything else can only be reproduced by someone holding the model, who then attests.
/// </summary>
public sealed class ReproducibleModels
{
    private readonly Dictionary<string, FixtureFile> _fixtures = new(StringComparer.Ordinal);

    /// <param name="fixturesDirectory">Folder of fixture files (`*.json`); null when the cluster holds none.</param>
    public ReproducibleModels(string? fixturesDirectory)
    {
        if (fixturesDirectory is null || !Directory.Exists(fixturesDirectory)) return;
        foreach (var file in Directory.EnumerateFiles(fixturesDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var fixture = FixtureFile.Load(file);
                _fixtures.TryAdd(fixture.Name, fixture);
            }
            catch (Exception e) when (e is JsonParseException or FormatException or IOException or ArgumentException or ModelException)
            {
                // Not a fixture (or unreadable): it simply cannot serve reproductions.
            }
        }
    }

    /// <summary>True when the model is deterministic by its kind (whether or not its fixture is held here).</summary>
    public static bool IsDeterministic(ModelInfo model) => model.Provider == "mock";

    /// <summary>The model to re-run the record with, or null with the reason it cannot be re-run here.</summary>
    public IModel? Resolve(ModelInfo model, out string reason)
    {
        reason = "";
        if (!IsDeterministic(model))
        {
            reason = $"model {model.Provider}:{model.Name} is not deterministic; it is reproduced by attestations";
            return null;
        }
        if (model.Name == "echo" && model.Params.ContainsKey("marker")) return new EchoModel();
        if (_fixtures.TryGetValue(model.Name, out var fixture)) return new FixtureModel(fixture, $"fixture {model.Name}");
        reason = $"no fixture named '{model.Name}' is held by this cluster";
        return null;
    }
}
