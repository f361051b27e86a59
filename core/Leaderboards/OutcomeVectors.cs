using System.Numerics;
using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// One row's outcomes as two bit vectors over the board's item ids (scored, correct), so a pair's 2x2 table is a few
/// popcounts per 64 items instead of two id indexes per pair: a board of k rows runs k(k−1)/2 pairings. The rule is
/// <see cref="Pairing"/>'s (an item counts when both sides have it and both say whether it was right), and the tests
/// hold every table to <see cref="Pairing.Of"/>, the reference.
/// </summary>
internal sealed class OutcomeVectors
{
    private readonly ulong[] _scored;
    private readonly ulong[] _correct;

    private OutcomeVectors(int words)
    {
        _scored = new ulong[words];
        _correct = new ulong[words];
    }

    /// <summary>The vectors of each input, in order, over the union of their item ids.</summary>
    public static OutcomeVectors[] Of(IReadOnlyList<PairedInput> rows)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var item in row.Items)
                index.TryAdd(item.Id, index.Count);
        var words = (index.Count + 63) / 64;
        var vectors = new OutcomeVectors[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var v = vectors[r] = new OutcomeVectors(words);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in rows[r].Items)
            {
                // As Pairing: a repeated id would make the pairing ambiguous; refuse rather than guess.
                if (!seen.Add(item.Id)) throw new AuditInputException($"{rows[r].Source}: item id \"{item.Id}\" appears more than once");
                if (item.Correct is not { } correct) continue;
                var i = index[item.Id];
                v._scored[i >> 6] |= 1UL << i;
                if (correct) v._correct[i >> 6] |= 1UL << i;
            }
        }
        return vectors;
    }

    /// <summary>The 2x2 table with this row as A and <paramref name="b"/> as B.</summary>
    public PairedTable TableWith(OutcomeVectors b)
    {
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        for (var w = 0; w < _scored.Length; w++)
        {
            var paired = _scored[w] & b._scored[w];
            if (paired == 0) continue;
            var (ca, cb) = (_correct[w] & paired, b._correct[w] & paired);
            both += BitOperations.PopCount(ca & cb);
            onlyA += BitOperations.PopCount(ca & ~cb);
            onlyB += BitOperations.PopCount(~ca & cb & paired);
            neither += BitOperations.PopCount(~ca & ~cb & paired);
        }
        return new PairedTable(both, onlyA, onlyB, neither);
    }
}
