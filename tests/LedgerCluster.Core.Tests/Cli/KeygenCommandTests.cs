using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class KeygenCommandTests
{
    [Fact]
    public async Task Writes_a_0600_seed_and_a_public_key_that_belong_together()
    {
        using var dir = new TempDir();
        var run = await CliRun.Of("keygen", "--out", dir.File("alice"));
        Assert.Equal(0, run.ExitCode);
        var seedText = File.ReadAllText(dir.File("alice.key"));
        var pubText = File.ReadAllText(dir.File("alice.pub"));
        Assert.Matches("^[0-9a-f]{64}\n$", seedText);
        Assert.Matches("^[0-9a-f]{64}\n$", pubText);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("alice.key")));
        using var key = KeyFiles.LoadPrivate(dir.File("alice.key"));
        Assert.Equal(pubText.Trim(), key.PublicKeyHex);
        Assert.Contains(key.PublicKeyHex, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(seedText.Trim(), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_overwrite_a_key()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("k"))).ExitCode);
        var before = File.ReadAllText(dir.File("k.key"));
        var again = await CliRun.Of("keygen", "--out", dir.File("k"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("refusing to overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(dir.File("k.key")));
    }

    [Fact]
    public void Rfc8032_seed_gives_its_public_key()
    {
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        Assert.Equal(Kat.Rfc8032Test1Public, key.PublicKeyHex);
        Assert.Equal(Hex.Encode(key.PublicKey), key.PublicKeyHex);
    }
}
