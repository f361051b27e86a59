using System.Text.Json;

namespace LedgerCluster.Core.Tests.Merkle.Vectors;

/// <summary>Loads `../shared/tlog-testdata/merkle/testdata/` verbatim; case ids are paths relative to that folder.</summary>
public static class TlogVectors
{
    /// <summary>The single row a theory gets when ../shared is absent (the theory itself is then skipped).</summary>
    public const string Placeholder = "(../shared absent)";

    public static string Root => SharedData.Path("tlog-testdata", "merkle", "testdata");

    /// <summary>Relative paths of every `*.json` under one kind's folder, sorted; file names hold `[`, `]` and `@`, so no globbing.</summary>
    public static IEnumerable<string> Files(string kind) =>
        Directory.EnumerateFiles(Path.Combine(Root, kind), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) data.Add(Placeholder);
        else foreach (var file in Files(kind)) data.Add(file);
        return data;
    }

    public static T Load<T>(string relativePath) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Root, relativePath)))
        ?? throw new InvalidDataException($"{relativePath}: the file holds JSON null");
}
