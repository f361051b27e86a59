using System.Text.RegularExpressions;

namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// The one loose part of comparing a README session with a real run: values made fresh on every run (keys from
/// `keygen` and `witness keygen`, shard keys made on a server's first start, signatures and cosignatures under them,
/// which carry a timestamp). Such a token is a run of 40 or more base64/hex characters, or a 12-hex short record id.
/// Where the README shows one and the run prints another, the pair is bound once and held for the rest of the session:
/// the same shown token must always stand for the same real one (and the other way round), and later commands use the
/// real one. Known answers never bind: the ids of the bundled example records and of the verievals known-answer records
/// must appear as shown. Durations a command reports, "(0.80 s)", match any duration. Everything else must match literally.
/// </summary>
public sealed partial class VolatileTokens(IReadOnlySet<string> knownAnswers)
{
    private readonly Dictionary<string, string> _shownToReal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _realToShown = new(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![A-Za-z0-9+/=])(?:[A-Za-z0-9+/]{40,}={0,2}|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{12})(?![A-Za-z0-9+/=])")]
    private static partial Regex Token();

    /// <summary>How long something took, as `ledger fsck` reports it: "(0.80 s)". Any value matches.</summary>
    [GeneratedRegex(@"\(\d+(\.\d+)? s\)")]
    private static partial Regex Duration();

    public int Count => _shownToReal.Count(p => p.Key != p.Value);

    /// <summary>A command as the README shows it, with every bound token replaced by its real value.</summary>
    public string ToReal(string shown) => Token().Replace(shown, m => _shownToReal.GetValueOrDefault(m.Value, m.Value));

    /// <summary>A real line in README terms: every bound real token replaced by the token the README shows.</summary>
    public string ToShown(string real) => Token().Replace(real, m => _realToShown.GetValueOrDefault(m.Value, m.Value));

    /// <summary>Whether the real line matches the shown one; binds new volatile tokens when it does. Null when it matches, else why not.</summary>
    public string? Match(string shown, string real)
    {
        var shownParts = Split(Duration().Replace(shown, "(TIME s)"));
        var realParts = Split(Duration().Replace(real, "(TIME s)"));
        if (shownParts.Count != realParts.Count) return "different text";
        var newBindings = new List<(string Shown, string Real)>();
        for (var i = 0; i < shownParts.Count; i++)
        {
            var (s, r) = (shownParts[i], realParts[i]);
            if (i % 2 == 0)
            {
                if (s.Text != r.Text) return "different text";
                continue;
            }
            if (_shownToReal.TryGetValue(s.Text, out var bound))
            {
                if (bound != r.Text) return $"{s.Text} stands for {bound} earlier in the session, here for {r.Text}";
                continue;
            }
            if (s.Text == r.Text) continue;
            if (_realToShown.TryGetValue(r.Text, out var other)) return $"{r.Text} was shown as {other} earlier in the session";
            if (knownAnswers.Contains(s.Text) || knownAnswers.Contains(r.Text)) return $"known answer {s.Text} differs: {r.Text}";
            if (s.Text.Length != r.Text.Length) return $"{s.Text} and {r.Text} differ in length";
            newBindings.Add((s.Text, r.Text));
        }
        foreach (var (s, r) in newBindings) Bind(s, r);
        return null;
    }

    private void Bind(string shown, string real)
    {
        if (_shownToReal.ContainsKey(shown)) return;
        _shownToReal[shown] = real;
        _realToShown[real] = shown;
        // A record id shown whole also stands for its 12-hex short form in the board tables.
        if (shown.Length == 64 && IsHex(shown) && IsHex(real)) Bind(shown[..12], real[..12]);
    }

    private static bool IsHex(string s) => s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Literal text and tokens alternating: literal, token, literal, ..., literal.</summary>
    private static List<(string Text, bool IsToken)> Split(string line)
    {
        var parts = new List<(string, bool)>();
        var at = 0;
        foreach (Match m in Token().Matches(line))
        {
            parts.Add((line[at..m.Index], false));
            parts.Add((m.Value, true));
            at = m.Index + m.Length;
        }
        parts.Add((line[at..], false));
        return parts;
    }
}
