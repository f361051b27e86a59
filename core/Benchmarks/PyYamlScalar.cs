using System.Text.RegularExpressions;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// The type PyYAML's <c>safe_load</c> gives an unquoted (plain) scalar: YAML 1.1 implicit resolution, where
/// <c>1.0</c> is a float, <c>yes</c> a bool and <c>2024-01-01</c> a date. verievals then applies Python <c>str()</c>,
/// which would silently turn <c>version: 1.10</c> into "1.1"; the loader uses this to refuse such values instead.
/// </summary>
internal static partial class PyYamlScalar
{
    public const string Str = "str";

    public static string Resolve(string plain) => plain switch
    {
        _ when Bool().IsMatch(plain) => "bool",
        _ when Float().IsMatch(plain) => "float",
        _ when Int().IsMatch(plain) => "int",
        _ when Null().IsMatch(plain) => "null",
        _ when Timestamp().IsMatch(plain) => "timestamp",
        "<<" => "merge key",
        "=" => "value key",
        _ => Str,
    };

    /// <summary>An int whose Python <c>str()</c> is its own text (no sign prefix '+', underscores, octal, hex or base 60).</summary>
    public static bool IsPlainDecimalInt(string plain) => DecimalInt().IsMatch(plain);

    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\z")]
    private static partial Regex Bool();

    [GeneratedRegex(@"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\z")]
    private static partial Regex Float();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\z")]
    private static partial Regex Int();

    [GeneratedRegex(@"^(?:~|null|Null|NULL|)\z")]
    private static partial Regex Null();

    [GeneratedRegex(@"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)\z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^(?:0|-?[1-9][0-9]*)\z")]
    private static partial Regex DecimalInt();
}
