namespace LedgerCluster.Core.Benchmarks;

/// <summary>A benchmark file that cannot be used, naming the file, the 1-based line when known, and what is wrong.</summary>
public sealed class BenchmarkFormatException(string file, long? line, string problem)
    : FormatException(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public long? Line { get; } = line;
    public string Problem { get; } = problem;
}
