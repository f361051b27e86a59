using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Core.Tests.Witness;

/// <summary>A small in-memory log with its key, making the add-checkpoint bodies a witness receives.</summary>
public sealed class WitnessTestLog(string leafPrefix = "leaf") : IDisposable
{
    public const string Origin = "example.test/log";
    private readonly MerkleTree _tree = new();

    public NoteSigner Key { get; } = new(Origin, Ed25519KeyPair.Generate());

    public NoteVerifierKey VerifierKey => Key.VerifierKey;

    public void Grow(int leaves)
    {
        for (var i = 0; i < leaves; i++) _tree.AppendLeafData(Encoding.UTF8.GetBytes($"{leafPrefix} {_tree.Size}"));
    }

    public ulong Size => _tree.Size;

    public SignedNote CheckpointAt(ulong size, NoteSigner? signer = null) =>
        SignedNote.Sign(new Checkpoint(Origin, size, _tree.RootAt(size)).ToNoteText(), signer ?? Key);

    /// <summary>The body that moves a witness from <paramref name="old"/> to the checkpoint at <paramref name="size"/>.</summary>
    public byte[] Body(ulong old, ulong size, NoteSigner? signer = null) =>
        Encoding.UTF8.GetBytes(new AddCheckpointRequest(old, old == 0 || old >= size ? [] : _tree.ConsistencyProof(old, size), CheckpointAt(size, signer)).Format());

    public void Dispose() => Key.Dispose();
}
