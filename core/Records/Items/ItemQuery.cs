using System.Globalization;

namespace LedgerCluster.Core.Records.Items;

/// <summary>The record page's `?filter=`, `?q=` and `?page=` (1-based), read strictly: a value that is not one is refused.</summary>
public sealed record ItemQuery(ItemFilter Filter = ItemFilter.All, string Search = "", int Page = 1)
{
    public const int MaxSearchLength = 200;

    public static readonly ItemQuery Default = new();

    /// <summary>The query, or null with <paramref name="error"/> naming the bad value. Absent or empty values take defaults.</summary>
    public static ItemQuery? Parse(string? page, string? filter, string? search, out string? error)
    {
        error = null;
        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page) &&
            (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            error = $"page must be a whole number from 1, got '{Clip(page)}'";
            return null;
        }
        ItemFilter? parsed = string.IsNullOrEmpty(filter) ? ItemFilter.All : filter switch
        {
            "all" => ItemFilter.All,
            "failed" => ItemFilter.Failed,
            "truncated" => ItemFilter.Truncated,
            _ => null,
        };
        if (parsed is not { } itemFilter)
        {
            error = $"filter must be one of all, failed, truncated, got '{Clip(filter!)}'";
            return null;
        }
        var text = (search ?? "").Trim();
        if (text.Length > MaxSearchLength)
        {
            error = $"q is at most {MaxSearchLength} characters, got {text.Length}";
            return null;
        }
        return new ItemQuery(itemFilter, text, pageNumber);
    }

    /// <summary>The filter's query value: all, failed, truncated.</summary>
    public string FilterName => Name(Filter);

    public static string Name(ItemFilter filter) => filter switch
    {
        ItemFilter.Failed => "failed",
        ItemFilter.Truncated => "truncated",
        _ => "all",
    };

    // Echoed values go into an error message; a huge one is cut so the answer stays small.
    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
