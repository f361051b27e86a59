namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>Distinct, reproducible leaf hashes for generated trees.</summary>
public static class TestLeaves
{
    public static byte[][] Make(int count, uint seed)
    {
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++)
            leaves[i] = ReferenceTree.LeafHash([.. BitConverter.GetBytes(seed), .. BitConverter.GetBytes(i)]);
        return leaves;
    }

    /// <summary>A copy of <paramref name="proof"/> with one bit of one element flipped.</summary>
    public static byte[][] FlipBit(byte[][] proof, int choice)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToArray();
        var element = copy[choice % copy.Length];
        element[choice / copy.Length % element.Length] ^= (byte)(1 << (choice % 8));
        return copy;
    }
}
