using System.Security.Cryptography;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Fsck;

/// <summary>
/// An in-memory log for fsck: records routed to their shards, a checkpoint signed with each shard's key every few
/// leaves and at the end. Tests break it by editing the lists, then check that fsck names the place.
/// </summary>
internal sealed class FakeLedger : ILedgerSource
{
    public const int ShardCount = 4;

    public List<LeafRow>[] Leaves { get; } = Enumerable.Range(0, ShardCount).Select(_ => new List<LeafRow>()).ToArray();
    public List<CheckpointRow>[] Checkpoints { get; } = Enumerable.Range(0, ShardCount).Select(_ => new List<CheckpointRow>()).ToArray();
    public NoteSigner[] Signers { get; } = Enumerable.Range(0, ShardCount).Select(s => new NoteSigner(ShardOrigin.For(ShardOrigin.DefaultPrefix, s), Ed25519KeyPair.Generate())).ToArray();
    public NoteVerifierKey?[] Keys { get; }
    public string?[] Served { get; } = new string?[ShardCount];
    public Func<int, long, long, byte[][]?> Proofs { get; set; } = (_, _, _) => null;

    public FakeLedger(int records = 40, int checkpointEvery = 3)
    {
        Keys = Signers.Select(s => (NoteVerifierKey?)s.VerifierKey).ToArray();
        for (var i = 0; i < records; i++)
        {
            var id = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));
            var shard = ShardRouter.ShardOf(id, ShardCount);
            Leaves[shard].Add(new LeafRow(Leaves[shard].Count, id));
            if (Leaves[shard].Count % checkpointEvery == 0) Checkpoints[shard].Add(Sign(shard, Leaves[shard].Count));
        }
        for (var shard = 0; shard < ShardCount; shard++)
            if (Checkpoints[shard].LastOrDefault()?.Size != Leaves[shard].Count && Leaves[shard].Count > 0) Checkpoints[shard].Add(Sign(shard, Leaves[shard].Count));
    }

    public static MerkleTree Tree(IEnumerable<LeafRow> leaves)
    {
        var tree = new MerkleTree();
        foreach (var leaf in leaves) tree.AppendLeafData(Convert.FromHexString(leaf.RecordId));
        return tree;
    }

    /// <summary>A checkpoint of the shard's first <paramref name="size"/> leaves as they are now (or with <paramref name="root"/>), signed by <paramref name="signer"/>.</summary>
    public CheckpointRow Sign(int shard, int size, byte[]? root = null, NoteSigner? signer = null)
    {
        root ??= Tree(Leaves[shard].Take(size)).Root();
        var note = SignedNote.Sign(new Checkpoint(Signers[shard].Name, (ulong)size, root).ToNoteText(), signer ?? Signers[shard]);
        return new CheckpointRow(size, root, note.Format());
    }

    public string Description => "fake ledger";

    public int PageSize => 7;

    public Task<IReadOnlyList<ShardHead>> GetShardsAsync(CancellationToken cancel = default) =>
        Task.FromResult<IReadOnlyList<ShardHead>>(Enumerable.Range(0, ShardCount).Select(s => new ShardHead(s, Signers[s].Name, Keys[s], Served[s])).ToList());

    public Task<IReadOnlyList<CheckpointRow>> GetCheckpointsAsync(int shard, CancellationToken cancel = default) =>
        Task.FromResult<IReadOnlyList<CheckpointRow>>(Checkpoints[shard].OrderBy(c => c.Size).ToList());

    public Task<IReadOnlyList<LeafRow>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        Task.FromResult<IReadOnlyList<LeafRow>>(Leaves[shard].Where(l => l.Index >= fromIndex).OrderBy(l => l.Index).Take(count).ToList());

    public Task<byte[][]?> GetConsistencyProofAsync(int shard, long fromSize, long toSize, CancellationToken cancel = default) =>
        Task.FromResult(Proofs(shard, fromSize, toSize));
}
