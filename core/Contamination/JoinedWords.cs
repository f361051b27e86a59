using System.Text;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// The words of a text joined by single spaces: the form character n-grams are taken over, so whitespace and
/// punctuation differences cannot hide a match. <see cref="Starts"/>[k] is where word k begins in <see cref="Text"/>.
/// </summary>
internal sealed record JoinedWords(string Text, int[] Starts)
{
    public static JoinedWords Of(string normalized, List<Token> tokens)
    {
        var sb = new StringBuilder(normalized.Length);
        var starts = new int[tokens.Count];
        for (var k = 0; k < tokens.Count; k++)
        {
            if (k > 0) sb.Append(' ');
            starts[k] = sb.Length;
            sb.Append(normalized, tokens[k].Start, tokens[k].End - tokens[k].Start);
        }
        return new JoinedWords(sb.ToString(), starts);
    }

    /// <summary>The word that covers position <paramref name="position"/> of <see cref="Text"/> (or the one before a space).</summary>
    public int WordAt(int position)
    {
        var k = Array.BinarySearch(Starts, position);
        return k >= 0 ? k : ~k - 1;
    }
}
