namespace LedgerCluster.Core.Json;

/// <summary>Malformed JSON, with the 1-based line and column where the parser stopped.</summary>
public sealed class JsonParseException(string message, long line, long column)
    : FormatException($"{message} (line {line}, column {column})")
{
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Reason { get; } = message;
}
