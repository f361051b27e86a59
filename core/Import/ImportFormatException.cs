namespace LedgerCluster.Core.Import;

/// <summary>A source file that cannot be imported; the message is one line naming the file and the problem.</summary>
public sealed class ImportFormatException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
