using System.Globalization;
using System.Text.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// One board read the board bench times: the JSON page of the top 50 rows, or the HTML board page. Each answer is
/// checked before its time counts, so a fast wrong answer is an error, not a figure.
/// </summary>
public sealed record BoardEndpoint(string Key, string Path)
{
    /// <summary>The first page of the overall board as JSON (the total in X-Total-Count).</summary>
    public static readonly BoardEndpoint Api = new("api", "v1/leaderboard?limit=50");

    /// <summary>The hosted board page (its first page of rows rendered on the server).</summary>
    public static readonly BoardEndpoint Page = new("page", "");

    public static readonly IReadOnlyList<BoardEndpoint> All = [Api, Page];

    public string Label => "GET /" + Path;

    /// <summary>What is wrong with the answer (null: it is a board), and the board's row count when the answer says it.</summary>
    public (string? Problem, long? Total) Check(HttpResponseMessage response, byte[] body)
    {
        if (!response.IsSuccessStatusCode) return ($"{(int)response.StatusCode} {Clip(body)}", null);
        if (this == Page)
            return body.AsSpan().IndexOf("id=\"rows\""u8) >= 0 ? (null, null) : ("the page holds no board rows table", null);
        if (!(response.Headers.TryGetValues("X-Total-Count", out var values)
              && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)))
            return ("no X-Total-Count header", null);
        try
        {
            using var rows = JsonDocument.Parse(body);
            if (rows.RootElement.ValueKind != JsonValueKind.Array) return ("the answer is not a JSON array of rows", total);
            var expected = Math.Min(50, total);
            return rows.RootElement.GetArrayLength() == expected
                ? (null, total)
                : ($"{rows.RootElement.GetArrayLength()} rows for a board of {total} (expected {expected})", total);
        }
        catch (JsonException e)
        {
            return ($"unreadable JSON: {e.Message}", total);
        }
    }

    private static string Clip(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.ReplaceLineEndings(" ");
    }
}
