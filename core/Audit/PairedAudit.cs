namespace LedgerCluster.Core.Audit;

/// <summary>
/// A paired comparison of two runs over the same items, built to catch false improvements: McNemar on the
/// discordant items, Wilson intervals, a seeded paired bootstrap, a protocol diff, truncation rates, and a verdict
/// that names the likely cause. One call: <c>PairedAudit.Run(PairedInput.Load(a), PairedInput.Load(b))</c>.
/// </summary>
public static class PairedAudit
{
    public static PairedAuditResult Run(PairedInput a, PairedInput b, long seed = 0, int resamples = PairedStatistics.DefaultResamples)
    {
        var (pairs, unpaired) = Pairing.Of(a, b);
        var table = PairedTable.Of(pairs.Select(p => (p.ACorrect, p.BCorrect)));
        var p = PairedStatistics.McNemarExactP(table.OnlyA, table.OnlyB);
        var bootstrap = PairedStatistics.BootstrapDifference(table, seed, resamples);
        var mde = table.N == 0 ? null : PairedStatistics.MinimumDetectableDifference(table.N, (double)table.Discordant / table.N);
        var protocolDiff = ProtocolFields.Diff(a.Protocol, b.Protocol);
        var truncation = TruncationSummary.Of(pairs, a.TokenLimit, b.TokenLimit);
        var (kind, verdict) = VerdictWriter.Write(table, p, bootstrap, mde, protocolDiff, truncation, noSettings: a.Protocol.Count == 0 && b.Protocol.Count == 0);
        return new PairedAuditResult(
            AuditSide.Of(a), AuditSide.Of(b), table,
            p, PairedStatistics.McNemarMidP(table.OnlyA, table.OnlyB),
            PairedStatistics.Wilson(table.ACorrect, table.N), PairedStatistics.Wilson(table.BCorrect, table.N),
            bootstrap, seed, resamples, mde, protocolDiff, truncation, unpaired, kind, verdict);
    }

    /// <summary>Loads both files (run records or per-item results, detected) and audits them.</summary>
    public static PairedAuditResult Run(string pathA, string pathB, long seed = 0) =>
        Run(PairedInput.Load(pathA), PairedInput.Load(pathB), seed);
}
