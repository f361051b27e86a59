using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Verification;

public sealed class RecordVerifierTests
{
    private static OfflineLog KatLog() => new(Kat.RecordFiles.Select(f => RunRecord.Parse(File.ReadAllBytes(f))).ToArray());

    [SharedFact]
    public void Record_with_its_proof_verifies_and_is_verified_tier()
    {
        var log = KatLog();
        for (var i = 0; i < log.Records.Count; i++)
        {
            var report = RecordVerifier.Verify(log.Records[i], new VerificationInputs { ProofText = log.ProofFor(i), LogVerifierKey = log.LogSigner.VerifierKey.ToString() });
            Assert.True(report.Verified, string.Join("\n", report.Lines()));
            Assert.Equal(CheckStatus.Ok, Status(report, CheckNames.Inclusion));
            Assert.Equal(CheckStatus.Skipped, Status(report, CheckNames.Witnesses));
            Assert.Equal(TrustTier.Verified, report.Tier);
        }
    }

    [SharedFact]
    public void Proof_for_another_leaf_fails_inclusion()
    {
        var log = KatLog();
        var report = RecordVerifier.Verify(log.Records[0], new VerificationInputs { ProofText = log.ProofFor(1), LogVerifierKey = log.LogSigner.VerifierKey.ToString() });
        Assert.False(report.Verified);
        Assert.Equal(CheckStatus.Failed, Status(report, CheckNames.Inclusion));
        Assert.Equal(TrustTier.Signed, report.Tier);
    }

    [SharedFact]
    public void Bit_flipped_proof_hash_fails_inclusion()
    {
        var log = KatLog();
        var lines = log.ProofFor(2).Split('\n');
        var hash = Convert.FromBase64String(lines[2]);
        hash[0] ^= 1;
        lines[2] = Convert.ToBase64String(hash);
        var report = RecordVerifier.Verify(log.Records[2], new VerificationInputs { ProofText = string.Join('\n', lines), LogVerifierKey = log.LogSigner.VerifierKey.ToString() });
        Assert.Equal(CheckStatus.Failed, Status(report, CheckNames.Inclusion));
    }

    [SharedFact]
    public void Checkpoint_signed_by_another_key_fails()
    {
        var log = KatLog();
        var other = new OfflineLog(log.Records.ToArray());
        var wrongKey = other.Witness("w1").VerifierKey.ToString();
        var report = RecordVerifier.Verify(log.Records[0], new VerificationInputs { ProofText = log.ProofFor(0), LogVerifierKey = wrongKey });
        Assert.Equal(CheckStatus.Failed, Status(report, CheckNames.Inclusion));
    }

    [SharedTheory]
    [InlineData("2", new[] { "w1", "w3" }, true)]
    [InlineData("2", new[] { "w2" }, false)]
    [InlineData("all", new[] { "w1", "w2" }, false)]
    [InlineData("any", new[] { "w3" }, true)]
    public void Witness_quorum_decides_the_witnesses_check(string quorum, string[] cosigners, bool met)
    {
        var log = KatLog();
        var report = RecordVerifier.Verify(log.Records[1], new VerificationInputs { ProofText = log.ProofFor(1, cosigners), PolicyText = log.Policy(quorum) });
        Assert.Equal(CheckStatus.Ok, Status(report, CheckNames.Inclusion));
        Assert.Equal(met ? CheckStatus.Ok : CheckStatus.Failed, Status(report, CheckNames.Witnesses));
        Assert.Equal(met ? TrustTier.Verified : TrustTier.Signed, report.Tier);
        Assert.Equal(met, report.Verified);
    }

    [SharedFact]
    public void Malformed_proof_and_policy_name_the_problem()
    {
        var log = KatLog();
        var badProof = RecordVerifier.Verify(log.Records[0], new VerificationInputs { ProofText = "not a proof", LogVerifierKey = log.LogSigner.VerifierKey.ToString() });
        Assert.Contains("proof file", Detail(badProof, CheckNames.Inclusion), StringComparison.Ordinal);
        var badPolicy = RecordVerifier.Verify(log.Records[0], new VerificationInputs { ProofText = log.ProofFor(0), PolicyText = "quorum nobody\n" });
        Assert.Contains("witness policy", Detail(badPolicy, CheckNames.Inclusion), StringComparison.Ordinal);
        var noKey = RecordVerifier.Verify(log.Records[0], new VerificationInputs { ProofText = log.ProofFor(0) });
        Assert.Contains("--vkey", Detail(noKey, CheckNames.Inclusion), StringComparison.Ordinal);
    }

    [SharedFact]
    public void Reproduction_result_feeds_the_tier()
    {
        var log = KatLog();
        var inputs = new VerificationInputs
        {
            ProofText = log.ProofFor(0), LogVerifierKey = log.LogSigner.VerifierKey.ToString(),
            Reproduce = _ => CheckResult.Ok(CheckNames.Reproduction, "same body hash"),
        };
        Assert.Equal(TrustTier.Reproduced, RecordVerifier.Verify(log.Records[0], inputs).Tier);
        var failed = RecordVerifier.Verify(log.Records[0], inputs with { Reproduce = _ => CheckResult.Failed(CheckNames.Reproduction, "task x differs") });
        Assert.False(failed.Verified);
        Assert.Equal(TrustTier.Verified, failed.Tier);
    }

    private static CheckStatus Status(VerificationReport r, string name) => r.Checks.Single(c => c.Name == name).Status;
    private static string Detail(VerificationReport r, string name) => r.Checks.Single(c => c.Name == name).Detail;
}
