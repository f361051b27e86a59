using System.Text;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class SignedNoteTests
{
    private const string Em = "\u2014 ";

    [Fact]
    public void C2sp_example_verifies()
    {
        var key = NoteVerifierKey.Parse(SpecExamples.C2spVkey);
        var note = SignedNote.Parse(SpecExamples.C2spNote);
        Assert.Equal("This is an example message.\n", note.Text);
        var result = note.Verify([key]);
        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.True(result.IsVerifiedBy(key));
        Assert.Null(Assert.Single(result.Verified).Timestamp);
        Assert.Equal(SpecExamples.C2spNote, note.Format());
    }

    [Fact]
    public void Parses_from_utf8_bytes_too()
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(SpecExamples.C2spNote));
        Assert.True(note.Verify([NoteVerifierKey.Parse(SpecExamples.C2spVkey)]).IsValid);
    }

    [Fact]
    public void Go_example_verifies()
    {
        var note = SignedNote.Parse(SpecExamples.GoText + "\n" + SpecExamples.GoSignatureLine + "\n");
        Assert.True(note.Verify([NoteVerifierKey.Parse(SpecExamples.GoVkey)]).IsValid);
    }

    [Fact]
    public void Forged_signature_from_a_known_key_rejects_the_note()
    {
        var forged = SpecExamples.C2spNote.Replace("Uw2QOkn8srV1", "Uw2QOkn8srV2", StringComparison.Ordinal);
        var result = SignedNote.Parse(forged).Verify([NoteVerifierKey.Parse(SpecExamples.C2spVkey)]);
        Assert.False(result.IsValid);
        Assert.Contains("example.com/foo", result.Error);
        Assert.Single(result.Failed);
    }

    [Fact]
    public void Changed_text_rejects_the_note()
    {
        var changed = SpecExamples.C2spNote.Replace("example message", "exemplary message", StringComparison.Ordinal);
        Assert.False(SignedNote.Parse(changed).Verify([NoteVerifierKey.Parse(SpecExamples.C2spVkey)]).IsValid);
    }

    [Fact]
    public void Unknown_keys_are_ignored_but_at_least_one_known_key_must_verify()
    {
        using var other = new NoteSigner("example.com/other", SpecExamples.TestKey("other"));
        var note = SignedNote.Parse(SpecExamples.C2spNote).WithSignature(other.Sign("This is an example message.\n"));
        var known = NoteVerifierKey.Parse(SpecExamples.C2spVkey);
        Assert.True(note.Verify([known]).IsValid);
        var none = note.Verify([NoteVerifierKey.Parse(SpecExamples.GoVkey)]);
        Assert.False(none.IsValid);
        Assert.Equal("no signature from a known key", none.Error);
        Assert.Empty(none.Failed);
    }

    [Fact]
    public void A_signature_sharing_only_the_name_or_only_the_id_is_someone_elses()
    {
        // A different key under the known name: its key id differs, so its garbage signature is not ours to check.
        using var impostor = new NoteSigner("example.com/foo", SpecExamples.TestKey("impostor"));
        var note = SignedNote.Parse(SpecExamples.C2spNote);
        var bogus = new NoteSignature("example.com/foo", impostor.KeyId, new byte[64]);
        var sameIdOtherName = new NoteSignature("example.com/bar", 0x530d903a, new byte[64]);
        var result = note.WithSignature(bogus).WithSignature(sameIdOtherName).Verify([NoteVerifierKey.Parse(SpecExamples.C2spVkey)]);
        Assert.True(result.IsValid, result.Error);
    }

    [Fact]
    public void A_bad_signature_by_a_second_known_key_rejects_even_when_another_verifies()
    {
        using var second = new NoteSigner("example.com/second", SpecExamples.TestKey("second"));
        var bad = new NoteSignature(second.Name, second.KeyId, new byte[64]);
        var note = SignedNote.Parse(SpecExamples.C2spNote).WithSignature(bad);
        var result = note.Verify([NoteVerifierKey.Parse(SpecExamples.C2spVkey), second.VerifierKey]);
        Assert.False(result.IsValid);
        Assert.Equal(second.VerifierKey, Assert.Single(result.Failed));
    }

    [Fact]
    public void Signed_notes_round_trip_and_verify_with_every_signer()
    {
        using var a = new NoteSigner("a.example/one", SpecExamples.TestKey("a"));
        using var b = new NoteSigner("b.example/two", SpecExamples.TestKey("b"));
        const string text = "ledgercluster/attestation/v1\nabc\nverified\nledgercluster.local/shard/0 5\n\nwith a blank line inside\n";
        var note = SignedNote.Sign(text, a, b);
        var reparsed = SignedNote.Parse(note.Format());
        Assert.Equal(text, reparsed.Text);
        Assert.Equal(note.Format(), reparsed.Format());
        var result = reparsed.Verify([a.VerifierKey, b.VerifierKey]);
        Assert.True(result.IsValid);
        Assert.Equal(2, result.Verified.Count);
    }

    [Fact]
    public void Accepts_sixteen_and_a_hundred_signatures_but_not_more()
    {
        using var signer = new NoteSigner("example.com/many", SpecExamples.TestKey("many"));
        const string text = "many\n";
        var line = signer.Sign(text).FormatLine() + "\n";
        foreach (var count in new[] { 16, 100 })
        {
            var note = SignedNote.Parse(text + "\n" + string.Concat(Enumerable.Repeat(line, count)));
            Assert.Equal(count, note.Signatures.Count);
            Assert.True(note.Verify([signer.VerifierKey]).IsValid);
        }
        var tooMany = text + "\n" + string.Concat(Enumerable.Repeat(line, 101));
        Assert.Contains("101 signature lines", Assert.Throws<FormatException>(() => SignedNote.Parse(tooMany)).Message);
    }

    [Fact]
    public void Sixteen_distinct_signers_all_verify()
    {
        const string text = "sixteen\n";
        var signers = Enumerable.Range(0, 16).Select(i => new NoteSigner($"w{i}.example", SpecExamples.TestKey($"w{i}"))).ToArray();
        try
        {
            var note = SignedNote.Parse(SignedNote.Sign(text, signers).Format());
            Assert.Equal(16, note.Verify(signers.Select(s => s.VerifierKey)).Verified.Count);
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }
    }

    [Theory]
    [InlineData("no blank line\n" + Em + "k AAAAAAA=\n", "no blank line")]
    [InlineData("text\n\n", "no signature lines")]
    [InlineData("text\n\n" + Em + "example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=", "end with a newline")]
    [InlineData("text\n\n- k AAAAAAA=\n", "line 3")]
    [InlineData("text\n\n" + Em + "kAAAAAAA=\n", "line 3")]
    [InlineData("text\n\n" + Em + " AAAAAAA=\n", "key name")]
    [InlineData("text\n\n" + Em + "a+b AAAAAAA=\n", "key name")]
    [InlineData("text\n\n" + Em + "k AAAA\n", "4-byte key id")]
    [InlineData("text\n\n" + Em + "k AAAAAAA\n", "base64")]
    [InlineData("text\n\n" + Em + "k AAAAAAB=\n", "base64")]
    [InlineData("text\n\n" + Em + "k AAAAAAA= \n", "base64")]
    [InlineData("text\n\n" + Em + "k AAAAAA==\n", "4-byte key id")]
    [InlineData("a\nb\tc\n\n" + Em + "k AAAAAAA=\n", "line 2")]
    [InlineData("a\r\n\n" + Em + "k AAAAAAA=\n", "U+000D")]
    [InlineData("a\n\n" + Em + "k AAAAAAA=\n" + Em + "k AAAAAAA=\r\n", "line 4")]
    public void Malformed_notes_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SignedNote.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(SignedNote.TryParse(text, out _, out var message));
        Assert.Equal(error.Message, message);
    }

    [Fact]
    public void Lone_surrogates_are_rejected()
    {
        var text = "a\ud800\n\n" + Em + "k AAAAAAA=\n";
        Assert.Contains("surrogate", Assert.Throws<FormatException>(() => SignedNote.Parse(text)).Message);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(SpecExamples.C2spNote);
        bytes[3] = 0xff;
        Assert.Contains("UTF-8", Assert.Throws<FormatException>(() => SignedNote.Parse(bytes)).Message);
    }

    [Fact]
    public void Hostile_sizes_are_rejected()
    {
        var huge = new string('x', SignedNote.MaxNoteBytes) + "\n\n" + Em + "k AAAAAAA=\n";
        Assert.Contains("limit", Assert.Throws<FormatException>(() => SignedNote.Parse(huge)).Message);
        Assert.Contains("limit", Assert.Throws<FormatException>(() => SignedNote.Parse(Encoding.UTF8.GetBytes(huge))).Message);
        // Multi-byte characters: under the char limit, over the byte limit.
        var wide = new string('\u00e9', SignedNote.MaxNoteBytes / 2 + 10) + "\n\n" + Em + "k AAAAAAA=\n";
        Assert.Contains("limit", Assert.Throws<FormatException>(() => SignedNote.Parse(wide)).Message);
    }

    [Fact]
    public void Text_may_hold_non_ascii_and_still_verify()
    {
        using var signer = new NoteSigner("example.com/unicode", SpecExamples.TestKey("unicode"));
        const string text = "Ognuno sta solo sul cuor della terra \u00e8 \U0001F600 \u2014 ok\n";
        var note = SignedNote.Parse(SignedNote.Sign(text, signer).Format());
        Assert.True(note.Verify([signer.VerifierKey]).IsValid);
    }

    [Fact]
    public void Signing_rejects_bad_text()
    {
        using var signer = new NoteSigner("example.com/s", SpecExamples.TestKey("s"));
        Assert.Throws<FormatException>(() => signer.Sign("no final newline"));
        Assert.Throws<FormatException>(() => signer.Sign(""));
        Assert.Throws<FormatException>(() => signer.Sign("bell\a\n"));
    }
}
