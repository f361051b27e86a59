using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class NoteSignerTests
{
    [Fact]
    public void Go_private_key_reproduces_the_signature_line_byte_for_byte()
    {
        using var signer = NoteSigner.ParsePrivateKey(SpecExamples.GoSkey);
        Assert.Equal(SpecExamples.GoVkey, signer.VerifierKey.ToString());
        Assert.Equal(SpecExamples.GoSignatureLine, signer.Sign(SpecExamples.GoText).FormatLine());
        var note = SignedNote.Sign(SpecExamples.GoText, signer);
        Assert.Equal(SpecExamples.GoText + "\n" + SpecExamples.GoSignatureLine + "\n", note.Format());
        Assert.True(note.Verify([NoteVerifierKey.Parse(SpecExamples.GoVkey)]).IsValid);
    }

    [Fact]
    public void Private_key_text_round_trips()
    {
        using var signer = NoteSigner.ParsePrivateKey(SpecExamples.GoSkey);
        Assert.Equal(SpecExamples.GoSkey, signer.FormatPrivateKey());
        Assert.DoesNotContain("PRIVATE", signer.ToString());
    }

    [Fact]
    public void Mangling_any_character_of_the_private_key_makes_it_unusable()
    {
        foreach (var mangled in Mangle.EveryCharacter(SpecExamples.GoSkey))
        {
            var error = Record.Exception(() => NoteSigner.ParsePrivateKey(mangled).Dispose());
            Assert.True(error is FormatException, $"mangled key {mangled}: {error?.GetType().Name ?? "accepted"}");
        }
    }

    [Theory]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3", "form")]
    [InlineData("private+key+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "PRIVATE+KEY+")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "does not match")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF=", "base64")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "type")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXH", "bytes")]
    public void Bad_private_keys_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => NoteSigner.ParsePrivateKey(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_one_kind_cannot_do_the_other_kinds_job()
    {
        using var plain = new NoteSigner("example.com/plain", SpecExamples.TestKey("plain"));
        using var witness = new NoteSigner("example.com/w", SpecExamples.TestKey("w"), NoteKeyType.CosignatureV1);
        Assert.Throws<InvalidOperationException>(() => plain.Cosign("x\n", 1));
        Assert.Throws<InvalidOperationException>(() => witness.Sign("x\n"));
        Assert.Throws<ArgumentOutOfRangeException>(() => witness.Cosign("x\n", (ulong)long.MaxValue + 1));
    }

    [Fact]
    public void A_signature_by_a_different_key_with_the_same_name_and_forged_id_fails()
    {
        // An attacker can grind a key whose id collides; the verifier still checks against the configured public key.
        using var attacker = new NoteSigner("PeterNeumann", SpecExamples.TestKey("attacker"));
        var genuine = NoteVerifierKey.Parse(SpecExamples.GoVkey);
        var forged = new NoteSignature("PeterNeumann", genuine.KeyId, attacker.Sign(SpecExamples.GoText).Signature);
        var result = new SignedNote(SpecExamples.GoText, [forged]).Verify([genuine]);
        Assert.False(result.IsValid);
        Assert.Equal(genuine, Assert.Single(result.Failed));
    }
}
