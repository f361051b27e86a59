using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>What an offline verifier checks, in assertion form.</summary>
public static class LogChecks
{
    /// <summary>Parses a checkpoint note and asserts it is signed by <paramref name="key"/> and names the key as its origin.</summary>
    public static Checkpoint VerifySigned(string note, NoteVerifierKey key)
    {
        var signed = SignedNote.Parse(note);
        var verification = signed.Verify([key]);
        Assert.True(verification.IsValid, $"checkpoint not signed by {key.Name}: {verification.Error}\n{note}");
        var checkpoint = Checkpoint.FromNote(signed);
        Assert.Equal(key.Name, checkpoint.Origin);
        return checkpoint;
    }

    /// <summary>The RFC 6962 leaf hash of a record: its id's raw 32 bytes are the leaf data.</summary>
    public static byte[] LeafHash(string recordId) => MerkleHash.LeafHash(Convert.FromHexString(recordId));

    public static void VerifyInclusion(string recordId, long index, IReadOnlyList<byte[]> proof, Checkpoint checkpoint) =>
        Assert.True(MerkleVerifier.VerifyInclusion((ulong)index, checkpoint.Size, LeafHash(recordId), proof, checkpoint.RootHash),
            $"inclusion proof for {recordId} at {index} does not verify against size {checkpoint.Size}");

    /// <summary>An acknowledgement is evidence on its own: its proof verifies against the signed checkpoint that came with it.</summary>
    public static Checkpoint VerifyAcknowledgement(AppendResult result, NoteVerifierKey key)
    {
        var checkpoint = VerifySigned(result.Checkpoint, key);
        VerifyInclusion(result.RecordId, result.Position.Index, result.InclusionProof, checkpoint);
        return checkpoint;
    }

    /// <summary>
    /// All <paramref name="checkpoints"/> of one shard describe one history: equal sizes have equal roots, and the shard's
    /// consistency proof verifies between every pair of distinct sizes. Returns the number of pairs checked.
    /// </summary>
    public static async Task<int> VerifyMutuallyConsistentAsync(ILogShardGrain shard, IEnumerable<Checkpoint> checkpoints)
    {
        var bySize = new SortedDictionary<ulong, byte[]>();
        foreach (var checkpoint in checkpoints)
        {
            if (bySize.TryGetValue(checkpoint.Size, out var root))
                Assert.True(root.AsSpan().SequenceEqual(checkpoint.RootHash), $"two different roots signed for size {checkpoint.Size}: a fork");
            else
                bySize[checkpoint.Size] = checkpoint.RootHash;
        }
        var sizes = bySize.Keys.Where(s => s > 0).ToArray();
        var pairs = new List<(ulong From, ulong To)>();
        for (var i = 0; i < sizes.Length; i++)
            for (var j = i + 1; j < sizes.Length; j++)
                pairs.Add((sizes[i], sizes[j]));
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(pairs.Select(async pair =>
        {
            await throttle.WaitAsync();
            try
            {
                var proof = await shard.GetConsistencyProof((long)pair.From, (long)pair.To);
                Assert.True(MerkleVerifier.VerifyConsistency(pair.From, pair.To, proof, bySize[pair.From], bySize[pair.To]),
                    $"checkpoints at sizes {pair.From} and {pair.To} are not consistent");
            }
            finally
            {
                throttle.Release();
            }
        }));
        return pairs.Count;
    }

    /// <summary>
    /// fsck over storage: leaves are 0..n-1 with no record twice, every stored checkpoint is signed by the shard key and its
    /// root is the root of the stored leaves at its size. Returns the stored leaves.
    /// </summary>
    public static async Task<IReadOnlyList<StoredRecord>> FsckAsync(ILogStore store, int shard, NoteVerifierKey key)
    {
        var leaves = await store.ReadEntriesAsync(shard, 0, int.MaxValue);
        Assert.Equal(Enumerable.Range(0, leaves.Count).Select(i => (long)i), leaves.Select(l => l.Index));
        var duplicates = leaves.GroupBy(l => l.RecordId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"shard {shard} holds {duplicates.Count} records more than once: {string.Join(", ", duplicates.Take(3))}");
        var tree = MerkleTree.FromLeafHashes(leaves.Select(l => LeafHash(l.RecordId)));
        var stored = await store.GetCheckpointsAsync(shard);
        foreach (var checkpoint in stored)
        {
            Assert.True((ulong)checkpoint.Size <= tree.Size, $"shard {shard}: checkpoint at {checkpoint.Size} beyond the {tree.Size} stored leaves");
            Assert.Equal(tree.RootAt((ulong)checkpoint.Size), checkpoint.Root);
            var signed = VerifySigned(checkpoint.Note, key);
            Assert.Equal((ulong)checkpoint.Size, signed.Size);
            Assert.Equal(checkpoint.Root, signed.RootHash);
        }
        if (leaves.Count > 0) Assert.Equal(leaves.Count, stored.Max(c => c.Size));
        return leaves;
    }

    /// <summary>Calls <paramref name="call"/> until it succeeds, at most <paramref name="attempts"/> times, backing off between tries.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, int attempts = 30, Action<Exception>? onError = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < attempts && e is not Xunit.Sdk.XunitException)
            {
                onError?.Invoke(e);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)));
            }
        }
    }
}
