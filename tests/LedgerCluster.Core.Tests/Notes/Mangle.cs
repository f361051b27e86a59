namespace LedgerCluster.Core.Tests.Notes;

internal static class Mangle
{
    /// <summary>Every single-character change of <paramref name="text"/>, with a few substitutes per position.</summary>
    public static IEnumerable<string> EveryCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var substitute in new[] { (char)(text[i] ^ 1), (char)(text[i] ^ 0x20), 'A', '+', ' ' })
            {
                if (substitute == text[i]) continue;
                yield return string.Concat(text.AsSpan(0, i), substitute.ToString(), text.AsSpan(i + 1));
            }
        }
    }
}
