using System.Text;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class CosignatureTests
{
    [Fact]
    public void Signed_message_matches_the_spec()
    {
        Assert.Equal(SpecExamples.CosignedMessage, Encoding.UTF8.GetString(CosignatureV1.SignedMessage(SpecExamples.CheckpointText, SpecExamples.CosignatureTime)));
    }

    [Fact]
    public void Witness_seed_reproduces_the_cosignature_line_byte_for_byte()
    {
        using var witness = SpecExamples.WitnessSigner();
        var line = CosignatureVerifier.Cosign(witness, Checkpoint.Parse(SpecExamples.CheckpointText), SpecExamples.CosignatureTime);
        Assert.Equal(SpecExamples.CosignatureLine, line.FormatLine());
        Assert.Equal(SpecExamples.CosignatureLine, witness.Cosign(SpecExamples.CheckpointText, SpecExamples.CosignatureTime).FormatLine());
        var note = SignedNote.Parse(SpecExamples.SignedCheckpoint).WithSignature(line);
        Assert.Equal(SpecExamples.CosignedCheckpoint, note.Format());
    }

    [Fact]
    public void Spec_cosignature_verifies_with_its_timestamp()
    {
        var note = SignedNote.Parse(SpecExamples.CosignedCheckpoint);
        var witness = NoteVerifierKey.Parse(SpecExamples.WitnessVkey);
        var result = CosignatureVerifier.Verify(note, [witness]);
        Assert.True(result.AllValid);
        var cosignature = Assert.Single(result.Cosignatures);
        Assert.Equal(witness, cosignature.Witness);
        Assert.Equal(SpecExamples.CosignatureTime, cosignature.Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), cosignature.Time);

        // The generic note check sees both the log signature and the cosignature.
        var both = note.Verify([NoteVerifierKey.Parse(SpecExamples.LogVkey), witness]);
        Assert.True(both.IsValid);
        Assert.Equal(2, both.Verified.Count);
    }

    [Fact]
    public void Cosignature_does_not_count_as_a_plain_signature_and_vice_versa()
    {
        var note = SignedNote.Parse(SpecExamples.CosignedCheckpoint);
        var witness = NoteVerifierKey.Parse(SpecExamples.WitnessVkey);
        // The same public key as a type 0x01 key has another id, so the cosignature line is not its signature.
        var plain = NoteVerifierKey.Create(witness.Name, NoteKeyType.Ed25519, witness.PublicKey);
        var result = note.Verify([plain]);
        Assert.False(result.IsValid);
        Assert.Empty(result.Failed);
    }

    [Fact]
    public void Tampered_timestamp_or_signature_fails()
    {
        var witness = NoteVerifierKey.Parse(SpecExamples.WitnessVkey);
        var genuine = NoteSignature.ParseLine(SpecExamples.CosignatureLine);
        foreach (var index in new[] { 7, 8, 71 })
        {
            var bytes = genuine.Signature;
            bytes[index] ^= 1;
            var note = SignedNote.Parse(SpecExamples.SignedCheckpoint).WithSignature(new NoteSignature(genuine.Name, genuine.KeyId, bytes));
            var result = CosignatureVerifier.Verify(note, [witness]);
            Assert.False(result.AllValid);
            Assert.Empty(result.Cosignatures);
        }
    }

    [Fact]
    public void Wrong_length_and_out_of_range_timestamps_fail()
    {
        var witness = NoteVerifierKey.Parse(SpecExamples.WitnessVkey);
        var genuine = NoteSignature.ParseLine(SpecExamples.CosignatureLine);
        var shortSig = new NoteSignature(genuine.Name, genuine.KeyId, genuine.Signature[..71]);
        var highBit = genuine.Signature;
        highBit[0] |= 0x80;
        foreach (var bad in new[] { shortSig, new NoteSignature(genuine.Name, genuine.KeyId, highBit) })
        {
            var note = SignedNote.Parse(SpecExamples.SignedCheckpoint).WithSignature(bad);
            Assert.False(CosignatureVerifier.Verify(note, [witness]).AllValid);
        }
    }

    [Fact]
    public void Cosignature_over_another_checkpoint_fails()
    {
        using var witness = SpecExamples.WitnessSigner();
        var other = new Checkpoint(SpecExamples.LogName, 9, new byte[32]);
        var line = witness.Cosign(other.ToNoteText(), 5);
        var note = SignedNote.Parse(SpecExamples.SignedCheckpoint).WithSignature(line);
        var result = CosignatureVerifier.Verify(note, [witness.VerifierKey]);
        Assert.Equal(witness.VerifierKey, Assert.Single(result.Failed));
    }

    [Fact]
    public void Unknown_witnesses_are_ignored_and_known_ones_reported()
    {
        using var w1 = SpecExamples.WitnessSigner();
        using var w2 = new NoteSigner("witness.example/w2", SpecExamples.TestKey("w2"), NoteKeyType.CosignatureV1);
        using var w3 = new NoteSigner("witness.example/w3", SpecExamples.TestKey("w3"), NoteKeyType.CosignatureV1);
        var note = SignedNote.Parse(SpecExamples.SignedCheckpoint)
            .WithSignature(w1.Cosign(SpecExamples.CheckpointText, 10))
            .WithSignature(w2.Cosign(SpecExamples.CheckpointText, 20));
        var result = CosignatureVerifier.Verify(SignedNote.Parse(note.Format()), [w1.VerifierKey, w3.VerifierKey]);
        Assert.True(result.AllValid);
        var only = Assert.Single(result.Cosignatures);
        Assert.Equal(w1.VerifierKey, only.Witness);
        Assert.Equal(10ul, only.Timestamp);
    }

    [Fact]
    public void Only_cosignature_keys_are_accepted_as_witnesses()
    {
        var note = SignedNote.Parse(SpecExamples.CosignedCheckpoint);
        Assert.Throws<ArgumentException>(() => CosignatureVerifier.Verify(note, [NoteVerifierKey.Parse(SpecExamples.LogVkey)]));
    }
}
