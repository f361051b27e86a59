using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Unicode NFKC from our own tables (<see cref="NfkcData"/>). We cannot use string.Normalize: with
/// InvariantGlobalization (set for every project here) it silently returns its input unchanged.
/// Owning the tables also makes the result identical on every host, whatever ICU it has.
/// </summary>
public static class Nfkc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Load);

    public static string UnicodeVersion => NfkcData.UnicodeVersion;

    /// <summary>The NFKC form of <paramref name="text"/>; lone surrogates pass through unchanged.</summary>
    public static string Normalize(string text)
    {
        var tables = Data.Value;
        if (!NeedsWork(text, tables)) return text; // the common case: nothing to do, no allocation
        var codePoints = Decompose(text, tables);
        SortMarks(codePoints, tables);
        Compose(codePoints, tables);
        var sb = new StringBuilder(codePoints.Count);
        foreach (var cp in codePoints) AppendCodePoint(sb, cp);
        return sb.ToString();
    }

    private static bool NeedsWork(string text, Tables tables)
    {
        foreach (var ch in text)
            if (ch >= 0xA0 && (char.IsSurrogate(ch) || tables.UnstableBmp[ch])) return true;
        return false;
    }

    private static List<int> Decompose(string text, Tables tables)
    {
        var result = new List<int>(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                cp = char.ConvertToUtf32(text[i], text[++i]);
            if (cp is >= SBase and < SBase + SCount)
            {
                var s = cp - SBase;
                result.Add(LBase + s / NCount);
                result.Add(VBase + s % NCount / TCount);
                if (s % TCount != 0) result.Add(TBase + s % TCount);
            }
            else if (tables.Decompositions.TryGetValue(cp, out var mapping)) result.AddRange(mapping);
            else result.Add(cp);
        }
        return result;
    }

    // Canonical ordering: a stable sort of each run of combining marks by combining class.
    private static void SortMarks(List<int> cps, Tables tables)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var cc = tables.Ccc(cps[i]);
            if (cc == 0) continue;
            var cp = cps[i];
            var j = i;
            while (j > 0 && tables.Ccc(cps[j - 1]) > cc) { cps[j] = cps[j - 1]; j--; }
            cps[j] = cp;
        }
    }

    // Canonical composition, as in the Unicode sample code: a mark composes with the last starter unless blocked.
    private static void Compose(List<int> cps, Tables tables)
    {
        if (cps.Count == 0) return;
        var starterPos = 0;
        var starter = cps[0];
        var lastClass = tables.Ccc(starter) == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < cps.Count; read++)
        {
            var cp = cps[read];
            var cc = tables.Ccc(cp);
            if ((lastClass < cc || lastClass == 0) && TryCompose(starter, cp, tables, out var composite))
            {
                cps[starterPos] = starter = composite;
                continue;
            }
            if (cc == 0) { starterPos = write; starter = cp; }
            lastClass = cc;
            cps[write++] = cp;
        }
        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        return tables.Compositions.TryGetValue(PairKey(first, second), out composite);
    }

    private static long PairKey(int first, int second) => ((long)first << 21) | (uint)second;

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp < 0x10000) sb.Append((char)cp);
        else sb.Append(char.ConvertFromUtf32(cp));
    }

    private sealed class Tables
    {
        public Dictionary<int, int[]> Decompositions { get; } = [];
        public Dictionary<long, int> Compositions { get; } = [];
        public Dictionary<int, byte> CombiningClasses { get; } = [];

        /// <summary>BMP characters that may change under NFKC or interact with a neighbour.</summary>
        public bool[] UnstableBmp { get; } = new bool[0x10000];

        public int Ccc(int cp) => CombiningClasses.TryGetValue(cp, out var c) ? c : 0;

        public static Tables Load()
        {
            var t = new Tables();
            foreach (var (key, value) in Entries(NfkcData.Decompositions))
                t.Decompositions[Hex(key)] = value.Split(' ').Select(Hex).ToArray();
            foreach (var (key, value) in Entries(NfkcData.CombiningClasses))
            {
                var range = key.Split('-');
                for (var cp = Hex(range[0]); cp <= Hex(range[^1]); cp++) t.CombiningClasses[cp] = byte.Parse(value, CultureInfo.InvariantCulture);
            }
            foreach (var (key, value) in Entries(NfkcData.Compositions))
            {
                var pair = key.Split(' ');
                t.Compositions[PairKey(Hex(pair[0]), Hex(pair[1]))] = Hex(value);
            }
            t.MarkUnstable();
            return t;
        }

        // Unstable: has a mapping, has a combining class, or can compose with what precedes it (incl. Hangul jamo).
        private void MarkUnstable()
        {
            foreach (var cp in Decompositions.Keys.Concat(CombiningClasses.Keys).Concat(Compositions.Keys.Select(k => (int)(k & 0x1FFFFF))))
                if (cp < 0x10000) UnstableBmp[cp] = true;
            for (var cp = LBase; cp < 0x1200; cp++) UnstableBmp[cp] = true;
            for (var cp = SBase; cp < SBase + SCount; cp++) UnstableBmp[cp] = true;
        }

        private static IEnumerable<(string Key, string Value)> Entries(string data)
        {
            foreach (var raw in data.Split(';'))
            {
                var entry = raw.Trim();
                if (entry.Length == 0) continue;
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                yield return (entry[..colon], entry[(colon + 1)..]);
            }
        }

        private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
