using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Text;

/// <summary>The case-folding table, parsed once from <see cref="CaseFoldingData"/>.</summary>
internal static class CaseFolding
{
    private static readonly Lazy<Dictionary<int, string>> Table = new(Parse);

    public static IReadOnlyDictionary<int, string> Map => Table.Value;

    private static Dictionary<int, string> Parse()
    {
        var map = new Dictionary<int, string>();
        foreach (var entry in CaseFoldingData.Entries.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var arrow = entry.IndexOf('>');
            var folded = new StringBuilder();
            foreach (var hex in entry[(arrow + 1)..].Split('.'))
                folded.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            map.Add(int.Parse(entry.AsSpan(0, arrow), NumberStyles.HexNumber, CultureInfo.InvariantCulture), folded.ToString());
        }
        return map;
    }
}
