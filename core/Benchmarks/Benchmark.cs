using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>An identified, versioned, non-empty list of tasks with the scorer that grades them.</summary>
public sealed class Benchmark
{
    public Benchmark(string id, string version, string scorer, string? description, IEnumerable<BenchmarkTask> tasks)
    {
        Id = NotEmpty(id, nameof(id));
        Version = NotEmpty(version, nameof(version));
        Scorer = NotEmpty(scorer, nameof(scorer));
        Description = description;
        Tasks = tasks.ToArray();
        if (Tasks.Count == 0) throw new ArgumentException($"benchmark \"{id}\" has no tasks", nameof(tasks));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in Tasks)
            if (!seen.Add(task.Id)) throw new ArgumentException($"duplicate task id \"{task.Id}\"", nameof(tasks));
    }

    public string Id { get; }
    public string Version { get; }
    public string Scorer { get; }

    /// <summary>Documentation only: excluded from the content hash, so editing prose keeps the benchmark's identity.</summary>
    public string? Description { get; }

    public IReadOnlyList<BenchmarkTask> Tasks { get; }

    /// <summary>What loading changed to match verievals (e.g. YAML `version: 1.0` read as the float's str()), for the user to see.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the content hash covers: id, version, scorer and every task in file order.</summary>
    public JObject ToHashJson() => new()
    {
        { "id", Id }, { "version", Version }, { "scorer", Scorer }, { "tasks", new JArray(Tasks.Select(t => (JValue)t.ToHashJson()).ToArray()) },
    };

    /// <summary>Lowercase hex SHA-256 of the canonical <see cref="ToHashJson"/>; recomputed each call because metadata objects are mutable.</summary>
    public string ContentHash() => CanonicalJson.Hash(ToHashJson());

    public BenchmarkRef ToRef() => new(Id, Version, ContentHash());

    public override string ToString() => $"{Id}@{Version} ({Tasks.Count} tasks, scorer {Scorer})";

    private static string NotEmpty(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{name} must not be empty", name) : value;
}
