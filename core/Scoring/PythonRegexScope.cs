namespace LedgerCluster.Core.Scoring;

/// <summary>
/// One open group of a pattern being translated, with the width (in code points) its branches can match:
/// Python requires a look-behind's width to be fixed, and rejects the pattern otherwise.
/// </summary>
internal sealed class PythonRegexScope(PythonRegexScope.Kinds kind, int number)
{
    public const long Unbounded = long.MaxValue / 4;

    public enum Kinds { Root, Capture, Group, LookAhead, LookBehind, Conditional }

    private long _branchLo, _branchHi, _lo = Unbounded, _hi;

    public Kinds Kind { get; } = kind;

    /// <summary>The group number of a capturing group, else 0.</summary>
    public int Number { get; } = number;

    public void Add((long Lo, long Hi) width)
    {
        _branchLo = Math.Min(Unbounded, _branchLo + width.Lo);
        _branchHi = Math.Min(Unbounded, _branchHi + width.Hi);
    }

    /// <summary>The item added last is repeated <paramref name="min"/> to <paramref name="max"/> times.</summary>
    public void Repeat((long Lo, long Hi) width, long min, long max)
    {
        _branchLo -= width.Lo;
        _branchHi -= width.Hi;
        Add((Times(width.Lo, min), width.Hi == 0 ? 0 : Times(width.Hi, max)));
    }

    public void EndBranch()
    {
        _lo = Math.Min(_lo, _branchLo);
        _hi = Math.Max(_hi, _branchHi);
        _branchLo = _branchHi = 0;
    }

    public (long Lo, long Hi) Width()
    {
        EndBranch();
        return (_lo, _hi);
    }

    private static long Times(long a, long b) => a == 0 || b == 0 ? 0 : a >= Unbounded / b ? Unbounded : a * b;
}
