using LedgerCluster.Core.Notes;
namespace LedgerCluster.Core.Tests.Notes;

public sealed class NoteVerifierKeyTests
{
    [Theory]
    [InlineData(SpecExamples.C2spVkey, "example.com/foo", 0x530d903au, NoteKeyType.Ed25519)]
    [InlineData(SpecExamples.GoVkey, "PeterNeumann", 0xc74f20a3u, NoteKeyType.Ed25519)]
    [InlineData(SpecExamples.LogVkey, "example.com/tlog-anchors-test", 0xb21a2612u, NoteKeyType.Ed25519)]
    [InlineData(SpecExamples.WitnessVkey, "witness.example/tlog-anchors-w1", 0x32fd960du, NoteKeyType.CosignatureV1)]
    public void Spec_keys_parse_and_format_back(string text, string name, uint keyId, NoteKeyType type)
    {
        var key = NoteVerifierKey.Parse(text);
        Assert.Equal(name, key.Name);
        Assert.Equal(keyId, key.KeyId);
        Assert.Equal(type, key.Type);
        Assert.Equal(32, key.PublicKey.Length);
        Assert.Equal(text, key.ToString());
    }

    [Fact]
    public void Seeded_keys_match_the_spec_vkeys()
    {
        using var log = SpecExamples.LogSigner();
        using var witness = SpecExamples.WitnessSigner();
        Assert.Equal(SpecExamples.LogVkey, log.VerifierKey.ToString());
        Assert.Equal(SpecExamples.WitnessVkey, witness.VerifierKey.ToString());
    }

    [Fact]
    public void Same_key_under_the_other_type_has_another_id()
    {
        var ed = NoteVerifierKey.Parse(SpecExamples.GoVkey);
        var cosign = NoteVerifierKey.Create(ed.Name, NoteKeyType.CosignatureV1, ed.PublicKey);
        Assert.NotEqual(ed.KeyId, cosign.KeyId);
        Assert.NotEqual(ed, cosign);
    }

    [Theory]
    [InlineData("", "form")]
    [InlineData("PeterNeumann", "form")]
    [InlineData("PeterNeumann+c74f20a3", "form")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "name")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "name")]
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "lowercase hex")]
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "lowercase hex")]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", "base64")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ", "base64")]
    [InlineData("PeterNeumann+c74f20a3+ARpc 2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "base64")]
    [InlineData("PeterNeumann+c74f20a3+", "empty")]
    [InlineData("PeterNeumann+c74f20a3+AhpcMQ==", "type")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy", "key bytes")]
    public void Bad_keys_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => NoteVerifierKey.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(NoteVerifierKey.TryParse(text, out _));
    }

    [Fact]
    public void Hostile_sizes_are_rejected_early()
    {
        var huge = new string('a', 5000) + "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        Assert.Contains("limit", Assert.Throws<FormatException>(() => NoteVerifierKey.Parse(huge)).Message);
    }

    [Fact]
    public void Mangling_any_character_of_a_vkey_makes_it_unusable()
    {
        foreach (var mangled in Mangle.EveryCharacter(SpecExamples.GoVkey))
            Assert.False(NoteVerifierKey.TryParse(mangled, out _), $"accepted mangled key {mangled}");
    }

    [Fact]
    public void Create_rejects_bad_names_and_lengths()
    {
        var pub = new byte[32];
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.Create("a+b", NoteKeyType.Ed25519, pub));
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.Create("a\u00a0b", NoteKeyType.Ed25519, pub));
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.Create("ab", NoteKeyType.Ed25519, new byte[31]));
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.Create("ab", (NoteKeyType)2, pub));
    }
}
