using System.Globalization;
using System.Text;

namespace LedgerCluster.Client.Bench;

/// <summary>Writes the latency histograms as CSV (one row per bin) or as an SVG bar chart, one panel per phase.</summary>
public static class HistogramWriter
{
    private const int Width = 760, PanelHeight = 260, Left = 64, Right = 20, Top = 48, Bottom = 44;

    public static void Write(string path, IReadOnlyList<PhaseResult> phases)
    {
        var histograms = phases.Select(LatencyHistogram.Of).ToList();
        var text = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Csv(histograms),
            ".svg" => Svg(histograms),
            _ => throw new Cli.CliException($"--histogram: '{path}' must end in .svg or .csv"),
        };
        File.WriteAllText(path, text);
    }

    public static string Csv(IReadOnlyList<LatencyHistogram> histograms)
    {
        var csv = new StringBuilder("phase,bin_low_ms,bin_high_ms,count\n");
        foreach (var h in histograms)
            for (var i = 0; i < LatencyHistogram.Bins; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{h.Phase},{F(h.Low(i))},{F(h.High(i))},{h.Counts[i]}\n");
        return csv.ToString();
    }

    public static string Svg(IReadOnlyList<LatencyHistogram> histograms)
    {
        var height = Math.Max(1, histograms.Count) * PanelHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (var p = 0; p < histograms.Count; p++) Panel(svg, histograms[p], p * PanelHeight);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, LatencyHistogram h, int y0)
    {
        var plotW = Width - Left - Right;
        var plotH = PanelHeight - Top - Bottom;
        var baseY = y0 + Top + plotH;
        var peak = Math.Max(1, h.Counts.Max());
        var what = h.Phase == "batch" ? "per batch request" : "per record, submit to inclusion proof";
        var s = h.Stats;
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left}\" y=\"{y0 + 20}\" font-size=\"14\" font-weight=\"bold\">{h.Phase}: latency {what} ({s.Count} requests)</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left}\" y=\"{y0 + 36}\" fill=\"#444\">p50 {F(s.P50)} ms   p90 {F(s.P90)} ms   p99 {F(s.P99)} ms   max {F(s.Max)} ms</text>\n");
        var barW = (double)plotW / LatencyHistogram.Bins;
        for (var i = 0; i < LatencyHistogram.Bins; i++)
        {
            if (h.Counts[i] == 0) continue;
            var barH = (double)h.Counts[i] / peak * plotH;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(Left + i * barW + 0.5)}\" y=\"{F(baseY - barH)}\" width=\"{F(barW - 1)}\" height=\"{F(barH)}\" fill=\"{(i == LatencyHistogram.Bins - 1 && h.MaxMs > LatencyHistogram.Bins * h.BinWidthMs ? "#c0504d" : "#4f81bd")}\"><title>{F(h.Low(i))}-{F(h.High(i))} ms: {h.Counts[i]}</title></rect>\n");
        }
        // Axes, ticks every 10 bins, and the count scale.
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{baseY}\" x2=\"{Left + plotW}\" y2=\"{baseY}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y0 + Top}\" x2=\"{Left}\" y2=\"{baseY}\" stroke=\"black\"/>\n");
        for (var i = 0; i <= LatencyHistogram.Bins; i += 10)
        {
            var x = Left + i * barW;
            var label = i == LatencyHistogram.Bins ? $"{F(h.Low(i))}+" : F(h.Low(i));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{baseY}\" x2=\"{F(x)}\" y2=\"{baseY + 4}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{baseY + 16}\" text-anchor=\"middle\">{label}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{baseY + 34}\" text-anchor=\"middle\">latency (ms)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y0 + Top + 4}\" text-anchor=\"end\">{peak}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{baseY}\" text-anchor=\"end\">0</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text transform=\"translate(16,{y0 + Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\">requests</text>\n");
        Marker(svg, h, s.P50, "p50", y0 + Top, baseY, plotW);
        Marker(svg, h, s.P99, "p99", y0 + Top, baseY, plotW);
    }

    private static void Marker(StringBuilder svg, LatencyHistogram h, double ms, string name, int top, int baseY, int plotW)
    {
        var span = LatencyHistogram.Bins * h.BinWidthMs;
        if (h.Stats.Count == 0 || ms > span) return;
        var x = Left + ms / span * plotW;
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{F(x)}\" y1=\"{top}\" x2=\"{F(x)}\" y2=\"{baseY}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/><text x=\"{F(x + 3)}\" y=\"{top + 10}\" fill=\"#333\">{name}</text>\n");
    }

    private static string F(double v) => v.ToString(v >= 100 ? "0" : v >= 1 ? "0.#" : "0.###", CultureInfo.InvariantCulture);
}
