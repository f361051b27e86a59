using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Tiles;

/// <summary>
/// The tile path encoding of c2sp.org/tlog-tiles: `&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]` or `entries/&lt;N&gt;[.p/&lt;W&gt;]`, where N is
/// written in groups of three digits, every group but the last prefixed with `x` (1234067 → x001/x234/067), so no
/// directory of a static mirror holds more than 1,000 entries. Parsing accepts only the one canonical spelling, so
/// every tile has exactly one URL (and caches never hold two copies).
/// </summary>
public static class TilePath
{
    // Levels are decimal without leading zeros; the spec allows up to 63.
    private const int MaxLevel = 63;

    /// <summary>The path of a tile below `tile/`.</summary>
    public static string Format(TileAddress tile)
    {
        var path = new StringBuilder();
        path.Append(tile.IsEntries ? "entries" : tile.Level.ToString(CultureInfo.InvariantCulture)).Append('/').Append(FormatIndex(tile.Index));
        if (!tile.IsFull) path.Append(".p/").Append(tile.Width.ToString(CultureInfo.InvariantCulture));
        return path.ToString();
    }

    /// <summary>N in three-digit groups: 0 → 000, 1234067 → x001/x234/067.</summary>
    public static string FormatIndex(ulong index)
    {
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        } while (index > 0);
        groups.Reverse();
        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    /// <summary>Parses a path below `tile/`; null (with the reason) when it is not the canonical spelling of a tile.</summary>
    public static TileAddress? TryParse(string path, out string problem)
    {
        problem = "";
        var parts = path.Split('/');
        if (parts.Length < 2) return Fail("a tile path is <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]", out problem);
        var isEntries = parts[0] == "entries";
        ulong level = 0;
        if (!isEntries && (!Decimal(parts[0], out level) || level > MaxLevel))
            return Fail($"'{parts[0]}' is not a tile level (0..{MaxLevel} or entries)", out problem);

        var width = TileMath.Width;
        var groups = parts.AsSpan(1);
        if (groups.Length >= 2 && groups[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!Decimal(groups[^1], out var w) || w < 1 || w >= TileMath.Width)
                return Fail($"'{groups[^1]}' is not a partial width (1..{TileMath.Width - 1})", out problem);
            width = (int)w;
            groups = groups[..^1];
            groups[^1] = groups[^1][..^2];
        }

        ulong index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var last = i == groups.Length - 1;
            if (!last)
            {
                if (!group.StartsWith('x')) return Fail($"'{group}': every group of N but the last starts with x", out problem);
                group = group[1..];
            }
            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
                return Fail($"'{groups[i]}': N is written in groups of three digits", out problem);
            // A leading zero group would give the same N a second spelling.
            if (i == 0 && !last && group == "000") return Fail("N must not start with x000", out problem);
            var value = ulong.Parse(group, CultureInfo.InvariantCulture);
            if (index > (ulong.MaxValue - value) / 1000) return Fail("N is too large", out problem);
            index = index * 1000 + value;
        }
        return new TileAddress((int)level, index, width, isEntries);
    }

    private static bool Decimal(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 19 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0')) return false;
        value = ulong.Parse(text, CultureInfo.InvariantCulture);
        return true;
    }

    private static TileAddress? Fail(string reason, out string problem)
    {
        problem = reason;
        return null;
    }
}
