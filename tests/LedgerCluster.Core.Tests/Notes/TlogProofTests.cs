using System.Text;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class TlogProofTests
{
    private const string H1 = "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=";
    private const string H2 = "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=";

    private static string Proof(string body) => "c2sp.org/tlog-proof@v1\n" + body + "\n" + SpecExamples.CosignedCheckpoint;

    [Fact]
    public void Parses_and_formats_back_exactly()
    {
        var text = Proof($"extra aGVsbG8=\nindex 5\n{H1}\n{H2}\n");
        var proof = TlogProof.Parse(text);
        Assert.Equal("hello", Encoding.ASCII.GetString(proof.Extra!));
        Assert.Equal(5ul, proof.Index);
        Assert.Equal([H1, H2], proof.Hashes.Select(h => Convert.ToBase64String(h)));
        Assert.Equal(SpecExamples.CosignedCheckpoint, proof.Checkpoint.Format());
        Assert.Equal(8ul, proof.CheckpointBody.Size);
        Assert.Equal(text, proof.Format());
        Assert.Equal(proof, TlogProof.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Extra_and_hashes_are_optional()
    {
        var text = Proof("index 0\n");
        var proof = TlogProof.Parse(text);
        Assert.Null(proof.Extra);
        Assert.Empty(proof.Hashes);
        Assert.Equal(text, proof.Format());
    }

    [Fact]
    public void Built_proof_parses_and_its_checkpoint_verifies()
    {
        using var log = SpecExamples.LogSigner();
        var checkpoint = SignedNote.Sign(SpecExamples.CheckpointText, log);
        var hashes = new[] { Hex.DecodeLower(SpecExamples.RootHex, 32, "h"), new byte[32] };
        var proof = new TlogProof(7, hashes, checkpoint, extra: []);
        var parsed = TlogProof.Parse(proof.Format());
        Assert.Equal(proof, parsed);
        Assert.Equal([], parsed.Extra!);
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra \nindex 7\nXcnae", proof.Format(), StringComparison.Ordinal);
        Assert.True(parsed.Checkpoint.Verify([log.VerifierKey]).IsValid);
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n\n", "line 1")]
    [InlineData("\nindex 0\n\n", "line 1")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n", "line 2: index")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex -1\n\n", "line 2: index")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex  1\n\n", "line 2: index")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n\n", "line 2: index")]
    [InlineData("c2sp.org/tlog-proof@v1\nIndex 1\n\n", "line 2: expected 'index")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\n", "line 2: extra")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nextra aGVsbG8=\n\n", "line 3: proof hash")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n", "line 3: proof hash")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\n" + H1 + " \n\n", "line 3: proof hash")]
    [InlineData("c2sp.org/tlog-proof@v1\r\nindex 1\n\n", "line 1")]
    public void Malformed_headers_are_rejected_naming_the_line(string head, string reason)
    {
        var text = head + SpecExamples.CosignedCheckpoint;
        var error = Assert.Throws<FormatException>(() => TlogProof.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(TlogProof.TryParse(text, out _, out _));
    }

    [Fact]
    public void Missing_blank_line_or_bad_checkpoint_is_rejected()
    {
        Assert.Contains("line 3", Assert.Throws<FormatException>(() =>
            TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 1\n" + SpecExamples.CosignedCheckpoint)).Message);
        Assert.Contains("missing", Assert.Throws<FormatException>(() => TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 1")).Message);
        Assert.Contains("proof checkpoint (from line 4)", Assert.Throws<FormatException>(() =>
            TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 1\n\n" + SpecExamples.CheckpointText)).Message);
        // A note that is not a checkpoint.
        var hello = "hello\n\n" + SpecExamples.CheckpointSignatureLine + "\n";
        Assert.Contains("checkpoint", Assert.Throws<FormatException>(() => TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 1\n\n" + hello)).Message);
    }

    [Fact]
    public void Hostile_sizes_are_rejected()
    {
        var tooManyHashes = Proof("index 1\n" + string.Concat(Enumerable.Repeat(H1 + "\n", TlogProof.MaxHashes + 1)));
        Assert.Contains($"line {TlogProof.MaxHashes + 3}: more than {TlogProof.MaxHashes}", Assert.Throws<FormatException>(() => TlogProof.Parse(tooManyHashes)).Message);
        Assert.Equal(TlogProof.MaxHashes, TlogProof.Parse(Proof("index 1\n" + string.Concat(Enumerable.Repeat(H1 + "\n", TlogProof.MaxHashes)))).Hashes.Count);
        var hugeExtra = Proof("extra " + Convert.ToBase64String(new byte[TlogProof.MaxExtraBytes + 3]) + "\nindex 1\n");
        Assert.Contains("line 2: extra data is over", Assert.Throws<FormatException>(() => TlogProof.Parse(hugeExtra)).Message);
        var huge = new string('a', TlogProof.MaxProofBytes + 1);
        Assert.Contains("limit", Assert.Throws<FormatException>(() => TlogProof.Parse(huge)).Message);
        Assert.Contains("limit", Assert.Throws<FormatException>(() => TlogProof.Parse(Encoding.ASCII.GetBytes(huge))).Message);
    }

    [Fact]
    public void Constructor_rejects_bad_parts()
    {
        var note = SignedNote.Parse(SpecExamples.SignedCheckpoint);
        Assert.Throws<ArgumentException>(() => new TlogProof(1, [new byte[31]], note));
        Assert.Throws<ArgumentException>(() => new TlogProof(1, Enumerable.Repeat(new byte[32], 65), note));
        Assert.Throws<ArgumentException>(() => new TlogProof(1, [], note, new byte[TlogProof.MaxExtraBytes + 1]));
    }
}
