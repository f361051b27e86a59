namespace LedgerCluster.Core.Scoring;

/// <summary>
/// A Python <c>re</c> pattern translated to .NET. <see cref="IgnoresCase"/>: an <c>i</c> flag is set somewhere, and
/// Python and .NET fold some non-ASCII characters differently (U+0130, U+017F, U+212A...), so such a pattern is only
/// matched exactly on ASCII pattern and text.
/// </summary>
internal sealed record PythonPattern(string DotNetPattern, bool IgnoresCase);
