using System.Text.Json;
using System.Text.Json.Serialization;

namespace LedgerCluster.Api;

/// <summary>
/// The gateway's JSON, source-generated: snake_case names (FORMATS.md section 6). The silo serves through it and the
/// client reads through it, so the two cannot drift apart.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(SubmissionResponse))]
[JsonSerializable(typeof(SubmissionAccepted))]
[JsonSerializable(typeof(BatchLineRefusal))]
[JsonSerializable(typeof(RecordResponse))]
[JsonSerializable(typeof(AttestationReceipt))]
[JsonSerializable(typeof(ShardDescription[]))]
[JsonSerializable(typeof(ProofHashes))]
[JsonSerializable(typeof(ShardEntries))]
[JsonSerializable(typeof(StoredCheckpoints))]
[JsonSerializable(typeof(BenchmarkRegistration))]
[JsonSerializable(typeof(WitnessingResponse))]
[JsonSerializable(typeof(LeaderboardRow[]))]
[JsonSerializable(typeof(BoardChangeEvent))]
[JsonSerializable(typeof(LiveStatus))]
[JsonSerializable(typeof(ReadyStatus))]
public sealed partial class LedgerApiJson : JsonSerializerContext
{
    /// <summary>The same shapes indented, for files and terminals (`ledger leaderboard --format json`).</summary>
    public static LedgerApiJson Indented => IndentedContext.Value;

    private static readonly Lazy<LedgerApiJson> IndentedContext = new(() =>
        new LedgerApiJson(new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
}
