using System.Globalization;
using System.Net;

namespace LedgerCluster.Api.Rendering;

/// <summary>Small HTML helpers. Everything from a record is hostile input: it goes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>Escapes text for element content and quoted attribute values (&amp; &lt; &gt; " ').</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A CSS length in percent, clamped to [0, 100], invariant culture (never user text).</summary>
    public static string Css(double fraction) => (Math.Clamp(fraction, 0, 1) * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Embedded(string name)
    {
        using var stream = typeof(Html).Assembly.GetManifestResourceStream($"LedgerCluster.Api.Rendering.{name}")
            ?? throw new InvalidOperationException($"embedded page asset {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
