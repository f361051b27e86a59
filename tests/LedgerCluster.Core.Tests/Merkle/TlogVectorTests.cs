using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tests.Merkle.Vectors;

namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>The transparency-dev/merkle conformance corpus, every file as-is: wantErr == !verified.</summary>
public sealed class TlogVectorTests
{
    public static TheoryData<string> InclusionCases => TlogVectors.Cases("inclusion");
    public static TheoryData<string> ConsistencyCases => TlogVectors.Cases("consistency");
    public static TheoryData<string> SubtreeInclusionCases => TlogVectors.Cases("subtreeinclusion");
    public static TheoryData<string> SubtreeConsistencyCases => TlogVectors.Cases("subtreeconsistency");

    [SharedTheory]
    [MemberData(nameof(InclusionCases))]
    public void Inclusion(string file)
    {
        var v = TlogVectors.Load<InclusionVector>(file);
        var verified = MerkleVerifier.VerifyInclusion(v.LeafIdx, v.TreeSize, v.LeafHash, v.Proof ?? [], v.Root);
        Assert.Equal(v.WantErr, !verified);
    }

    [SharedTheory]
    [MemberData(nameof(ConsistencyCases))]
    public void Consistency(string file)
    {
        var v = TlogVectors.Load<ConsistencyVector>(file);
        var verified = MerkleVerifier.VerifyConsistency(v.Size1, v.Size2, v.Proof ?? [], v.Root1, v.Root2);
        Assert.Equal(v.WantErr, !verified);
    }

    [SharedTheory]
    [MemberData(nameof(SubtreeInclusionCases))]
    public void SubtreeInclusion(string file)
    {
        var v = TlogVectors.Load<SubtreeInclusionVector>(file);
        var verified = MerkleVerifier.VerifySubtreeInclusion(v.LeafIdx, v.Start, v.End, v.LeafHash, v.Proof ?? [], v.Root);
        Assert.Equal(v.WantErr, !verified);
    }

    [SharedTheory]
    [MemberData(nameof(SubtreeConsistencyCases))]
    public void SubtreeConsistency(string file)
    {
        var v = TlogVectors.Load<SubtreeConsistencyVector>(file);
        var verified = MerkleVerifier.VerifySubtreeConsistency(v.Start, v.End, v.Size, v.Proof ?? [], v.Root1, v.Root2);
        Assert.Equal(v.WantErr, !verified);
    }

    /// <summary>A missing or extra file fails here rather than silently shrinking the theories.</summary>
    [SharedFact]
    public void CorpusIsComplete()
    {
        Assert.Equal((98, 6), Count<InclusionVector>("inclusion", v => v.WantErr));
        Assert.Equal((98, 6), Count<ConsistencyVector>("consistency", v => v.WantErr));
        Assert.Equal((204, 12), Count<SubtreeInclusionVector>("subtreeinclusion", v => v.WantErr));
        Assert.Equal((118, 12), Count<SubtreeConsistencyVector>("subtreeconsistency", v => v.WantErr));
    }

    private static (int Files, int Successes) Count<T>(string kind, Func<T, bool> wantErr)
    {
        var files = TlogVectors.Files(kind).ToList();
        return (files.Count, files.Count(f => !wantErr(TlogVectors.Load<T>(f))));
    }
}
