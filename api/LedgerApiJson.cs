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
[JsonSerializable(typeof(LeaderboardGroup[]))]
[JsonSerializable(typeof(BoardChangeEvent))]
[JsonSerializable(typeof(LiveStatus))]
[JsonSerializable(typeof(ReadyStatus))]
public sealed partial class LedgerApiJson : JsonSerializerContext
{
    /// <summary>
    /// The shapes as the gateway writes them: like <see cref="Default"/>, but without escaping the characters that only
    /// matter inside HTML (`'`, `&lt;`, `+`), so an answer reads as its text says ("got 'csv'", not "got \u0027csv\u0027").
    /// Every answer is served as application/json or NDJSON, never inlined into a page.
    /// </summary>
    public static LedgerApiJson Wire => WireContext.Value;

    private static readonly Lazy<LedgerApiJson> WireContext = new(() =>
        new LedgerApiJson(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));

    /// <summary>The same shapes indented, for files and terminals (`ledger leaderboard --format json`).</summary>
    public static LedgerApiJson Indented => IndentedContext.Value;

    private static readonly Lazy<LedgerApiJson> IndentedContext = new(() =>
        new LedgerApiJson(new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
}
