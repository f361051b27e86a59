namespace LedgerCluster.Core.Merkle;

/// <summary>
/// An append-only array of 32-byte hashes kept in fixed 64 KiB chunks: appending never copies stored hashes
/// (except while the first chunk is still growing) and no chunk lands on the large object heap.
/// </summary>
internal sealed class HashLevel
{
    private const int ChunkShift = 11;                    // 2,048 hashes = 64 KiB per chunk
    private const int ChunkSlots = 1 << ChunkShift;
    private const int FirstChunkSlots = 16;               // small trees stay small

    private readonly List<byte[]> _chunks = [];

    public ulong Count { get; private set; }

    public ReadOnlySpan<byte> this[ulong index] =>
        _chunks[(int)(index >> ChunkShift)].AsSpan((int)(index & (ChunkSlots - 1)) * MerkleHash.Size, MerkleHash.Size);

    public void Add(ReadOnlySpan<byte> hash)
    {
        var chunkIndex = (int)(Count >> ChunkShift);
        if (chunkIndex == _chunks.Count) _chunks.Add(new byte[(chunkIndex == 0 ? FirstChunkSlots : ChunkSlots) * MerkleHash.Size]);
        var chunk = _chunks[chunkIndex];
        var offset = (int)(Count & (ChunkSlots - 1)) * MerkleHash.Size;
        if (offset == chunk.Length)
        {
            // Only the first chunk starts short; it doubles up to the full chunk size.
            Array.Resize(ref chunk, chunk.Length * 2);
            _chunks[chunkIndex] = chunk;
        }
        hash.CopyTo(chunk.AsSpan(offset, MerkleHash.Size));
        Count++;
    }
}
