namespace LedgerCluster.Core.Leaderboards;

/// <summary>The ranks a row can hold given the paired tests (see <see cref="BenchmarkBoard"/> for the rule); 1 is best.</summary>
public readonly record struct RankRange(int Lo, int Hi)
{
    /// <summary>True when no other row could take this row's place: the tests set it apart from every other row.</summary>
    public bool IsOwn => Lo == Hi;

    public bool Overlaps(RankRange other) => Lo <= other.Hi && other.Lo <= Hi;

    /// <summary>As the page shows it: "2" for a rank of its own, "1-3" otherwise.</summary>
    public override string ToString() => IsOwn ? $"{Lo}" : $"{Lo}-{Hi}";
}
