namespace LedgerCluster.Silo.Gateway;

/// <summary>The query of a board read (`?benchmark=&amp;trust=&amp;offset=&amp;limit=`), checked before any grain is asked.</summary>
public sealed record BoardQuery(string? Benchmark, bool Trust, int Offset, int Limit)
{
    public const int MaxBenchmarkLength = 200;

    /// <summary>
    /// The most rows one read returns, and how many a read without `limit` gets: rows below a board's cached top are read
    /// from the log one by one, so an unbounded read of a large board would read the whole log. Clients page on with
    /// `offset` (`X-Total-Count` has the total).
    /// </summary>
    public const int MaxLimit = 10_000;

    public const int DefaultLimit = 1_000;

    /// <param name="maxLimit">The most a `limit` may ask for (a read that returns no rows, such as the groups, takes any).</param>
    public static BoardQuery? Parse(HttpRequest request, int defaultLimit, out ApiError? error, int maxLimit = MaxLimit)
    {
        error = null;
        var q = request.Query;
        var benchmark = q["benchmark"].ToString();
        if (benchmark.Length > MaxBenchmarkLength) error = new("bad_query", $"benchmark: at most {MaxBenchmarkLength} characters");
        var trust = true;
        if (q["trust"].ToString() is { Length: > 0 } t && !bool.TryParse(t, out trust)) error = new("bad_query", $"trust: expected true or false, got '{Clip(t)}'");
        var offset = Int(q["offset"].ToString(), 0, "offset", ref error);
        var limit = Int(q["limit"].ToString(), defaultLimit, "limit", ref error);
        if (limit > maxLimit && q["limit"].Count > 0)
            error ??= new ApiError("bad_query", $"limit: at most {maxLimit} rows a read, got {limit}; page on with offset (X-Total-Count has the total)");
        return error is null ? new BoardQuery(benchmark.Length == 0 ? null : benchmark, trust, offset, limit) : null;
    }

    private static int Int(string text, int fallback, string name, ref ApiError? error)
    {
        if (text.Length == 0) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        error ??= new ApiError("bad_query", $"{name}: expected a non-negative integer, got '{Clip(text)}'");
        return fallback;
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
