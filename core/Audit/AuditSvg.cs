using System.Globalization;
using System.Security;
using System.Text;

namespace LedgerCluster.Core.Audit;

/// <summary>A small inline SVG: each accuracy with its Wilson interval on a 0-100% axis, and the two discordant counts.</summary>
internal static class AuditSvg
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const int Width = 520, Left = 150, Right = 490;
    private const string ColourA = "#4e79a7", ColourB = "#f28e2b";

    public static string Render(PairedAuditResult r)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"190\" viewBox=\"0 0 {Width} 190\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"accuracies with Wilson 95% intervals and discordant counts\">\n");
        Row(sb, 30, $"A: {r.A.Label}", r.AccuracyA!.Value, r.WilsonA, ColourA);
        Row(sb, 60, $"B: {r.B.Label}", r.AccuracyB!.Value, r.WilsonB, ColourB);
        Axis(sb, 80);
        var max = Math.Max(1, Math.Max(r.Table.OnlyA, r.Table.OnlyB));
        Bar(sb, 135, $"only A right (b)", r.Table.OnlyA, max, ColourA);
        Bar(sb, 160, $"only B right (c)", r.Table.OnlyB, max, ColourB);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, int y, string label, double value, ConfidenceInterval ci, string colour)
    {
        sb.Append(Inv, $"  <text x=\"4\" y=\"{y + 4}\">{Escape(Shorten(label))}</text>\n");
        sb.Append(Inv, $"  <line x1=\"{X(ci.Lower)}\" y1=\"{y}\" x2=\"{X(ci.Upper)}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
        foreach (var end in new[] { ci.Lower, ci.Upper })
            sb.Append(Inv, $"  <line x1=\"{X(end)}\" y1=\"{y - 6}\" x2=\"{X(end)}\" y2=\"{y + 6}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
        sb.Append(Inv, $"  <circle cx=\"{X(value)}\" cy=\"{y}\" r=\"5\" fill=\"{colour}\"/>\n");
        sb.Append(Inv, $"  <text x=\"{X(value)}\" y=\"{y - 9}\" text-anchor=\"middle\">{AuditFormat.Percent1(value)}</text>\n");
    }

    private static void Axis(StringBuilder sb, int y)
    {
        sb.Append(Inv, $"  <line x1=\"{Left}\" y1=\"{y}\" x2=\"{Right}\" y2=\"{y}\" stroke=\"#888\"/>\n");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            sb.Append(Inv, $"  <line x1=\"{X(tick)}\" y1=\"{y}\" x2=\"{X(tick)}\" y2=\"{y + 4}\" stroke=\"#888\"/>\n");
            sb.Append(Inv, $"  <text x=\"{X(tick)}\" y=\"{y + 16}\" text-anchor=\"middle\" fill=\"#555\">{tick * 100:0}%</text>\n");
        }
        sb.Append(Inv, $"  <text x=\"4\" y=\"{y + 16}\" fill=\"#555\">accuracy (Wilson 95%)</text>\n");
    }

    private static void Bar(StringBuilder sb, int y, string label, int count, int max, string colour)
    {
        var length = (Right - Left) * count / (double)max;
        sb.Append(Inv, $"  <text x=\"4\" y=\"{y + 4}\">{Escape(label)}</text>\n");
        sb.Append(Inv, $"  <rect x=\"{Left}\" y=\"{y - 8}\" width=\"{Fmt(length)}\" height=\"16\" fill=\"{colour}\"/>\n");
        sb.Append(Inv, $"  <text x=\"{Fmt(Left + length + 4)}\" y=\"{y + 4}\">{count}</text>\n");
    }

    private static string X(double share) => Fmt(Left + (Right - Left) * Math.Clamp(share, 0, 1));

    private static string Fmt(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string label) => label.Length <= 22 ? label : label[..21] + "…";

    private static string Escape(string text) => SecurityElement.Escape(text);
}
