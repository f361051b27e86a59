using System.Text.Json;

namespace LedgerCluster.Client.Gateway;

/// <summary>
/// Tells a LedgerCluster gateway from anything else at a URL, after an answer the client could not read: a gateway answers
/// `GET /v1/shards` with 200 and a JSON array of shards, or, when it cannot serve (a failover), with its `{error, detail}`.
/// </summary>
public static class GatewayIdentity
{
    /// <summary>Null when <paramref name="http"/>'s base address is a ledger gateway, else why not (one line).</summary>
    public static async Task<string?> WhyNotALedgerAsync(HttpClient http, CancellationToken cancel)
    {
        using var response = await http.GetAsync("v1/shards", cancel);
        var media = response.Content.Headers.ContentType?.MediaType ?? "without a content type";
        var text = await response.Content.ReadAsStringAsync(cancel);
        var reason = $"{http.BaseAddress!.ToString().TrimEnd('/')} is not a LedgerCluster gateway (GET /v1/shards answered {(int)response.StatusCode} {media}";
        if (media != "application/json") return reason + ")";
        try
        {
            using var answer = JsonDocument.Parse(text);
            // A list of shards, or (a gateway that cannot serve right now: failover, storage outage) the API's own refusal.
            if (response.IsSuccessStatusCode ? IsShardList(answer.RootElement) : IsRefusal(answer.RootElement)) return null;
        }
        catch (JsonException) { }
        return reason + (response.IsSuccessStatusCode ? " that is not a list of shards)" : ")");
    }

    private static bool IsShardList(JsonElement answer) => answer.ValueKind == JsonValueKind.Array && answer.EnumerateArray().All(IsShard);

    private static bool IsRefusal(JsonElement answer) => answer.ValueKind == JsonValueKind.Object
        && answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
        && answer.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String;

    private static bool IsShard(JsonElement shard) =>
        shard.ValueKind == JsonValueKind.Object && shard.TryGetProperty("shard", out _) && shard.TryGetProperty("origin", out _);

    /// <summary>What to throw for an answer that is not the API's: <see cref="NotALedgerGatewayException"/>, or, from a gateway, a <see cref="GatewayException"/> naming the answer.</summary>
    public static async Task<Exception> UnexpectedAnswerAsync(HttpClient http, string what, System.Net.HttpStatusCode status, string? media, string body, CancellationToken cancel)
    {
        if (await WhyNotALedgerAsync(http, cancel) is { } reason) return new NotALedgerGatewayException(reason);
        var shown = body.Trim().Length == 0 ? "an empty body" : body.Trim().Length > 200 ? body.Trim()[..200] + "…" : body.Trim();
        return new GatewayException(status, "unexpected_answer", $"{what} answered {(int)status}{(media is null ? "" : " " + media)}: {shown}");
    }
}
