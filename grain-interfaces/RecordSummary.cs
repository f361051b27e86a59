namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// What the leaderboard needs from a record, extracted once where the record is parsed and verified;
/// <see cref="Position"/> is set by the shard once the record is logged. <see cref="Contradiction"/> names what the
/// aggregate claims that the record's own results do not give (such a record ranks as self-reported), or is null.
/// <see cref="Outcomes"/>, <see cref="Protocol"/> and <see cref="Truncation"/> are what a benchmark board compares rows by
/// (null only for summaries made without a record, e.g. in tests: such a row ranks on its claim and is in no paired test).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.RecordSummary")]
public sealed record RecordSummary(
    [property: Id(0)] string RecordId,
    [property: Id(1)] string BenchmarkId,
    [property: Id(2)] string BenchmarkVersion,
    [property: Id(3)] string BenchmarkHash,
    [property: Id(4)] string Model,
    [property: Id(5)] double Accuracy,
    [property: Id(6)] int Tasks,
    [property: Id(7)] int Passed,
    [property: Id(8)] string? Signer,
    [property: Id(9)] string PublicKey,
    [property: Id(10)] string CreatedAt,
    [property: Id(11)] LogPosition? Position = null,
    [property: Id(12)] string? Contradiction = null,
    [property: Id(13)] ItemOutcomes? Outcomes = null,
    [property: Id(14)] ProtocolSettings? Protocol = null,
    [property: Id(15)] TruncationCounts? Truncation = null)
{
    /// <summary>The benchmark's id@version, as rows name it.</summary>
    public string Benchmark => $"{BenchmarkId}@{BenchmarkVersion}";
}
