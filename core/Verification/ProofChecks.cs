using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Verification;

/// <summary>Inclusion and witness checks from a tlog-proof file (filled in with the Merkle and note code).</summary>
internal static class ProofChecks
{
    public static (CheckResult Inclusion, CheckResult Witnesses, bool QuorumMet) Run(RunRecord record, VerificationInputs inputs)
    {
        _ = record;
        if (inputs.ProofText is null)
            return (CheckResult.Skipped(CheckNames.Inclusion, "no --proof given"), CheckResult.Skipped(CheckNames.Witnesses, "no --proof given"), false);
        throw new NotImplementedException();
    }
}
