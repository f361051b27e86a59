using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Tests.Support;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Core.Tests.Witness;

/// <summary>The stand-alone witness host: atomic check-and-update under concurrency, state that survives a restart.</summary>
public sealed class DurableWitnessTests
{
    private static NoteSigner NewWitnessKey() => new("witness.test/w", Ed25519KeyPair.Generate(), NoteKeyType.CosignatureV1);

    [Fact]
    public async Task Concurrent_add_checkpoint_calls_with_the_same_old_size_cosign_exactly_once()
    {
        using var dir = new TempDir();
        using var log = new WitnessTestLog();
        log.Grow(40);
        using var witness = new DurableWitness(dir.Path, NewWitnessKey(), [log.VerifierKey]);
        Assert.Equal(200, witness.AddCheckpoint(log.Body(0, 1)).Status);

        // 32 callers all claim old = 1, each with a different new size: only the first to run can win.
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(2, 32).Select(size => Task.Run(() =>
        {
            start.Wait();
            return (Size: (ulong)size, Response: witness.AddCheckpoint(log.Body(1, (ulong)size)));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(calls);
        var winner = Assert.Single(results, r => r.Response.Status == 200);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal((409, $"{winner.Size}\n"), (r.Response.Status, r.Response.Body)));
        Assert.Equal(winner.Size, witness.Latest(WitnessTestLog.Origin)!.Size);
    }

    [Fact]
    public void A_restarted_witness_keeps_its_state_and_a_second_process_cannot_share_the_directory()
    {
        using var dir = new TempDir();
        using var log = new WitnessTestLog();
        log.Grow(9);
        using (var first = new DurableWitness(dir.Path, NewWitnessKey(), [log.VerifierKey]))
        {
            Assert.Equal(200, first.AddCheckpoint(log.Body(0, 6)).Status);
            Assert.Throws<IOException>(() => new DurableWitness(dir.Path, NewWitnessKey(), [log.VerifierKey]));
        }
        using var second = new DurableWitness(dir.Path, NewWitnessKey(), [log.VerifierKey]);
        var stale = second.AddCheckpoint(log.Body(0, 9));
        Assert.Equal((409, "6\n"), (stale.Status, stale.Body));
        Assert.Equal(200, second.AddCheckpoint(log.Body(6, 9)).Status);
        Assert.False(File.Exists(Path.Combine(dir.Path, WitnessStateFile.FileName + ".tmp")));
    }

    [Fact]
    public void A_corrupt_state_file_refuses_to_start_instead_of_forgetting()
    {
        using var dir = new TempDir();
        dir.Write(WitnessStateFile.FileName, "{\"logs\": 5}");
        var e = Assert.Throws<FormatException>(() => new DurableWitness(dir.Path, NewWitnessKey(), []));
        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_files_round_trip_and_attestations_verify_under_the_policy_key()
    {
        using var dir = new TempDir();
        var (keyPath, vkeyPath, vkey) = WitnessKeyFiles.Create("witness.test/w9", dir.File("w9"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        Assert.Equal(vkey, NoteVerifierKey.Parse(File.ReadAllText(vkeyPath).Trim()));
        using var key = WitnessKeyFiles.Load(keyPath);
        Assert.Equal(vkey, key.VerifierKey);
        Assert.Throws<IOException>(() => WitnessKeyFiles.Create("witness.test/w9", dir.File("w9")));

        var policy = WitnessPolicy.Parse($"witness w9 {vkey}\nquorum w9\n");
        var attestation = new RecordAttestation(new string('a', 64), "verified", "ledgercluster.local/shard/0", 7);
        var note = attestation.Sign(key);
        Assert.Equal(attestation, RecordAttestation.Parse(note.Text));
        Assert.True(note.Verify(RecordAttestation.AttesterKeys(policy)).IsValid);
        Assert.Throws<FormatException>(() => RecordAttestation.Parse(note.Text.Replace("verified", "trusted", StringComparison.Ordinal)));
    }
}
