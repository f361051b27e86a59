namespace LedgerCluster.Core.Witness;

/// <summary>What a witness remembers of one log: the size and root of the latest checkpoint it cosigned.</summary>
public sealed record WitnessedLog(ulong Size, byte[] Root)
{
    public bool Equals(WitnessedLog? other) => other is not null && Size == other.Size && Root.AsSpan().SequenceEqual(other.Root);

    public override int GetHashCode() => HashCode.Combine(Size, Root.Length);
}
