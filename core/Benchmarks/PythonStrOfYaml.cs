using System.Globalization;
using System.Numerics;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Python's <c>str()</c> of the value PyYAML's <c>safe_load</c> constructs from a plain scalar: what verievals records
/// for <c>version: 1.0</c> (a float, so "1.0"; <c>1.10</c> gives "1.1", <c>yes</c> "True", <c>~</c> "None").
/// Follows PyYAML's SafeConstructor (underscores dropped, 0b/0x/0 prefixes, base 60) and CPython's float repr.
/// Returns null for a kind whose <c>str()</c> is not reproduced here (timestamps with a time, merge keys).
/// </summary>
internal static class PythonStrOfYaml
{
    public static string? Of(string plain, string kind) => kind switch
    {
        "bool" => plain.ToLowerInvariant() is "yes" or "true" or "on" ? "True" : "False",
        "null" => "None",
        "int" => Int(plain).ToString(CultureInfo.InvariantCulture),
        "float" => Float(plain),
        "timestamp" when plain.Length == 10 => plain, // a date: str(datetime.date) is YYYY-MM-DD, the text itself
        _ => null,
    };

    private static BigInteger Int(string plain)
    {
        var value = plain.Replace("_", "", StringComparison.Ordinal);
        var sign = BigInteger.One;
        if (value[0] == '-') sign = BigInteger.MinusOne;
        if (value[0] is '-' or '+') value = value[1..];
        if (value == "0") return BigInteger.Zero;
        if (value.StartsWith("0b", StringComparison.Ordinal)) return sign * Parse(value[2..], 2);
        if (value.StartsWith("0x", StringComparison.Ordinal)) return sign * Parse(value[2..], 16);
        if (value[0] == '0') return sign * Parse(value, 8);
        if (value.Contains(':', StringComparison.Ordinal))
        {
            BigInteger total = 0, place = 1;
            foreach (var part in value.Split(':').Reverse())
            {
                total += BigInteger.Parse(part, CultureInfo.InvariantCulture) * place;
                place *= 60;
            }
            return sign * total;
        }
        return sign * BigInteger.Parse(value, CultureInfo.InvariantCulture);
    }

    private static BigInteger Parse(string digits, int radix)
    {
        BigInteger total = 0;
        foreach (var c in digits) total = total * radix + Convert.ToInt32(c.ToString(), 16);
        return total;
    }

    private static string Float(string plain)
    {
        var value = plain.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var sign = 1.0;
        if (value[0] == '-') sign = -1.0;
        if (value[0] is '-' or '+') value = value[1..];
        double result;
        if (value == ".inf") result = sign * double.PositiveInfinity;
        else if (value == ".nan") result = double.NaN;
        else if (value.Contains(':', StringComparison.Ordinal))
        {
            double total = 0.0, place = 1.0;
            foreach (var part in value.Split(':').Reverse())
            {
                total += double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture) * place;
                place *= 60;
            }
            result = sign * total;
        }
        else result = sign * double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsNaN(result)) return "nan";
        if (double.IsInfinity(result)) return result > 0 ? "inf" : "-inf";
        return PythonFloat.Format(result);
    }
}
