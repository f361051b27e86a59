using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Leaderboards;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>The board's bit-vector pairing against the reference, <see cref="Pairing.Of"/>, on random rows.</summary>
public sealed class OutcomeVectorsTests
{
    [Fact]
    public void Every_table_equals_the_reference_pairing()
    {
        var rng = new Random(15);
        for (var trial = 0; trial < 50; trial++)
        {
            // Overlapping, shuffled id ranges; some items unscored; sizes across word boundaries.
            var rows = Enumerable.Range(0, 4).Select(r =>
            {
                var start = rng.Next(0, 40);
                var ids = Enumerable.Range(start, rng.Next(0, 200)).OrderBy(_ => rng.Next()).ToList();
                var items = ids.Select(i => new PairedItem($"q{i}", rng.Next(5) == 0 ? null : rng.Next(2) == 0)).ToList();
                return PairedInput.FromItems($"r{r}", items);
            }).ToList();

            var vectors = OutcomeVectors.Of(rows);

            for (var a = 0; a < rows.Count; a++)
                for (var b = 0; b < rows.Count; b++)
                {
                    var (pairs, _) = Pairing.Of(rows[a], rows[b]);
                    Assert.Equal(PairedTable.Of(pairs.Select(p => (p.ACorrect, p.BCorrect))), vectors[a].TableWith(vectors[b]));
                }
        }
    }

    [Fact]
    public void A_repeated_id_is_refused_as_the_paired_audit_refuses_it()
    {
        var row = PairedInput.FromItems("dup", [new PairedItem("q1", true), new PairedItem("q1", false)]);

        Assert.Throws<AuditInputException>(() => OutcomeVectors.Of([row]));
    }
}
