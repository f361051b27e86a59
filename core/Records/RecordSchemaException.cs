namespace LedgerCluster.Core.Records;

/// <summary>A record that does not follow the schema; <see cref="Field"/> is the JSON path, e.g. `body.results[3].score`.</summary>
public sealed class RecordSchemaException(string field, string problem) : FormatException($"{field}: {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
