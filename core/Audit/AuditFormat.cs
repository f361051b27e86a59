using System.Globalization;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Audit;

/// <summary>Number formats shared by the verdict and the report, always culture-invariant.</summary>
internal static class AuditFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>"p = 0.015", "p < 0.001"; one more digit when two would round across 0.05.</summary>
    public static string P(double p)
    {
        if (p < 0.001) return "p < 0.001";
        var text = p.ToString("G2", C);
        if (double.Parse(text, C) >= PairedStatistics.Alpha != p >= PairedStatistics.Alpha) text = p.ToString("G3", C);
        return "p = " + text;
    }

    /// <summary>A share as a percentage: "31%", "0.5%".</summary>
    public static string Percent(double share) => (share * 100).ToString(share is > 0 and < 0.01 ? "0.#" : "0", C) + "%";

    /// <summary>A share as a percentage with one decimal: "68.8%".</summary>
    public static string Percent1(double share) => (share * 100).ToString("0.0", C) + "%";

    /// <summary>A difference of shares in percentage points with its sign: "+10.0", "-1.0".</summary>
    public static string Points(double diff) => (diff >= 0 ? "+" : "-") + Math.Abs(diff * 100).ToString("0.0", C);

    public static string Ratio(double x) => x.ToString("0.0", C) + "x";

    public static string Number(double x, string format = "0.####") => x.ToString(format, C);

    /// <summary>A setting's value for prose and tables: strings bare, absent as "unset", the rest as JSON.</summary>
    public static string Value(JValue value) => value switch
    {
        JNull => "unset",
        JString s => s.Value,
        _ => CanonicalJson.Serialize(value),
    };
}
