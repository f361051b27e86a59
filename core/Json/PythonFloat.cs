using System.Globalization;

namespace LedgerCluster.Core.Json;

/// <summary>
/// Formats a double exactly as Python's <c>repr(float)</c>: the shortest digits that round-trip, fixed notation
/// with at least one fractional digit when 1e-4 &lt;= |x| &lt; 1e16, otherwise `d[.ddd]e±XX`.
/// </summary>
public static class PythonFloat
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"value is not canonically encodable: {value}");
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // .NET Core 3.0+ "R" gives the shortest round-trip digits; re-lay them out by Python's rules.
        var (negative, digits, exponent) = Decompose(value);
        var sign = negative ? "-" : "";
        var decimalPoint = exponent + 1; // value = 0.d1d2... * 10^decimalPoint
        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0) return $"{sign}0.{new string('0', -decimalPoint)}{digits}";
            if (decimalPoint >= digits.Length) return $"{sign}{digits}{new string('0', decimalPoint - digits.Length)}.0";
            return $"{sign}{digits[..decimalPoint]}.{digits[decimalPoint..]}";
        }
        var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    // Returns the shortest significant digits (no trailing zeros) and the decimal exponent of the first digit.
    private static (bool Negative, string Digits, int Exponent) Decompose(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.');
        var intPart = dot >= 0 ? shortest[..dot] : shortest;
        var fracPart = dot >= 0 ? shortest[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0') firstNonZero++;
        // The exponent of the first significant digit, relative to the original decimal point.
        var firstDigitExponent = exponent + intPart.Length - 1 - firstNonZero;
        var digits = all[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (negative, digits, firstDigitExponent);
    }
}
