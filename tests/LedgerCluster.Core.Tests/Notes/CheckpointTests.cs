using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class CheckpointTests
{
    [Fact]
    public void Spec_checkpoint_text_is_reproduced()
    {
        var checkpoint = new Checkpoint(SpecExamples.LogName, 8, Hex.DecodeLower(SpecExamples.RootHex, 32, "root"));
        Assert.Equal(SpecExamples.CheckpointText, checkpoint.ToNoteText());
        var parsed = Checkpoint.Parse(SpecExamples.CheckpointText);
        Assert.Equal(checkpoint, parsed);
        Assert.Equal(SpecExamples.LogName, parsed.Origin);
        Assert.Equal(8ul, parsed.Size);
        Assert.Equal(SpecExamples.RootHex, Hex.Encode(parsed.RootHash));
        Assert.Empty(parsed.Extensions);
    }

    [Fact]
    public void Log_seed_reproduces_the_checkpoint_signature_byte_for_byte()
    {
        using var log = SpecExamples.LogSigner();
        var checkpoint = Checkpoint.Parse(SpecExamples.CheckpointText);
        var note = SignedNote.Sign(checkpoint.ToNoteText(), log);
        Assert.Equal(SpecExamples.CheckpointSignatureLine, Assert.Single(note.Signatures).FormatLine());
        Assert.Equal(SpecExamples.SignedCheckpoint, note.Format());
    }

    [Fact]
    public void Spec_signed_checkpoint_verifies_with_the_log_vkey()
    {
        var note = SignedNote.Parse(SpecExamples.SignedCheckpoint);
        Assert.True(note.Verify([NoteVerifierKey.Parse(SpecExamples.LogVkey)]).IsValid);
        Assert.Equal(8ul, Checkpoint.FromNote(note).Size);
    }

    [Fact]
    public void Extension_lines_round_trip()
    {
        const string text = "example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nextension one\nx\n";
        var checkpoint = Checkpoint.Parse(text);
        Assert.Equal(0ul, checkpoint.Size);
        Assert.Equal(["extension one", "x"], checkpoint.Extensions);
        Assert.Equal(text, checkpoint.ToNoteText());
    }

    [Fact]
    public void Largest_size_parses()
    {
        var text = $"o\n{ulong.MaxValue}\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";
        Assert.Equal(ulong.MaxValue, Checkpoint.Parse(text).Size);
    }

    private const string Root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    [Theory]
    [InlineData("o\n8\n" + Root, "newline")]
    [InlineData("o\n8\n", "needs origin")]
    [InlineData("\n8\n" + Root + "\n", "line 1")]
    [InlineData("o\n08\n" + Root + "\n", "line 2")]
    [InlineData("o\n+8\n" + Root + "\n", "line 2")]
    [InlineData("o\n-1\n" + Root + "\n", "line 2")]
    [InlineData("o\n 8\n" + Root + "\n", "line 2")]
    [InlineData("o\n\n" + Root + "\n", "line 2")]
    [InlineData("o\n18446744073709551616\n" + Root + "\n", "line 2")]
    [InlineData("o\n8\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==\n", "line 3")]
    [InlineData("o\n8\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n", "line 3")]
    [InlineData("o\n8\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=\n", "line 3")]
    [InlineData("o\n8\n" + Root + "\n\nx\n", "line 4")]
    [InlineData("o\n8\n" + Root + "\n\n", "line 4")]
    [InlineData("o\n8\r\n" + Root + "\n", "line 2")]
    public void Malformed_checkpoints_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Checkpoint.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Checkpoint.TryParse(text, out _, out _));
    }

    [Fact]
    public void Constructor_rejects_bad_parts()
    {
        var root = new byte[32];
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, new byte[31]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o\nx", 1, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, root, [""]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o\a", 1, root));
    }
}
