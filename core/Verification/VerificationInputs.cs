using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Verification;

/// <summary>The optional evidence handed to <see cref="RecordVerifier"/>; a check without its evidence is skipped.</summary>
public sealed record VerificationInputs
{
    /// <summary>The text of a `.tlog-proof` file (c2sp.org/tlog-proof@v1) for the record.</summary>
    public string? ProofText { get; init; }

    /// <summary>Why no proof could be had (e.g. the gateway does not hold the record): inclusion then fails with this reason.</summary>
    public string? ProofUnavailable { get; init; }

    /// <summary>The log's note verifier key; defaults to the `log` line of the policy.</summary>
    public string? LogVerifierKey { get; init; }

    /// <summary>A witness policy in tlog-policy format.</summary>
    public string? PolicyText { get; init; }

    /// <summary>Re-runs the record and compares body hashes (needs the benchmark and the model).</summary>
    public Func<RunRecord, CheckResult>? Reproduce { get; init; }

    public static readonly VerificationInputs None = new();
}
