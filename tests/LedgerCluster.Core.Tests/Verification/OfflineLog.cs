using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Verification;

/// <summary>A tiny log built in the test: leaves, a log key, witnesses, and proof files for its records.</summary>
internal sealed class OfflineLog
{
    public const string Origin = "test.example/shard/0";

    public OfflineLog(params RunRecord[] records)
    {
        Records = records;
        foreach (var r in records) Tree.AppendLeafData(r.LeafData());
        LogSigner = new NoteSigner(Origin, Ed25519KeyPair.FromSeed(ContentHash.Sha256("log seed"u8)));
        Witnesses = ["w1", "w2", "w3"];
    }

    public MerkleTree Tree { get; } = new();
    public IReadOnlyList<RunRecord> Records { get; }
    public NoteSigner LogSigner { get; }
    public string[] Witnesses { get; }

    public NoteSigner Witness(string name) =>
        new($"witness.example/{name}", Ed25519KeyPair.FromSeed(ContentHash.Sha256(System.Text.Encoding.ASCII.GetBytes(name))), NoteKeyType.CosignatureV1);

    public SignedNote Checkpoint(params string[] cosigners)
    {
        var checkpoint = new Checkpoint(Origin, Tree.Size, Tree.Root());
        var note = SignedNote.Sign(checkpoint.ToNoteText(), LogSigner);
        foreach (var name in cosigners) note = note.WithSignature(CosignatureVerifier.Cosign(Witness(name), checkpoint, 1_700_000_000));
        return note;
    }

    public string ProofFor(int index, params string[] cosigners) =>
        new TlogProof((ulong)index, Tree.InclusionProof((ulong)index, Tree.Size), Checkpoint(cosigners)).Format();

    public string Policy(string quorum) =>
        $"log {LogSigner.VerifierKey}\n" +
        string.Concat(Witnesses.Select(w => $"witness {w} {Witness(w).VerifierKey}\n")) +
        $"group g {quorum} {string.Join(' ', Witnesses)}\nquorum g\n";
}
