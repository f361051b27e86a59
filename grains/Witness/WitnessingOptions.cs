using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Grains.Witness;

/// <summary>
/// Witness configuration shared by every silo: the witness policy (tlog-policy text; none = every signed checkpoint
/// counts as witnessed, as before witnesses existed) and the witnesses this cluster hosts.
/// A policy `witness` line with a URL is an external witness reached over HTTP at URL/add-checkpoint; one without a URL
/// is the hosted witness of the same name.
/// </summary>
public sealed class WitnessingOptions
{
    private string? _policyText;
    private WitnessPolicy? _policy;

    /// <summary>The witness policy in tlog-policy format; `log` lines may be absent (the shards know their own keys).</summary>
    public string? PolicyText
    {
        get => _policyText;
        set
        {
            _policy = value is null ? null : WitnessPolicy.Parse(value);
            _policyText = value;
        }
    }

    public WitnessPolicy? Policy => _policy;

    /// <summary>Keys trusted to attest records besides the policy's witnesses (`ledger serve --attestor`).</summary>
    public List<NoteVerifierKey> Attestors { get; } = [];

    /// <summary>Whose attestations are kept: the policy's witnesses and the attestors.</summary>
    public TrustedAttesters TrustedAttesters => new(_policy, Attestors);

    /// <summary>Hosted witnesses by name: the path of a `ledger witness keygen` key file, or null for a key kept in the store.</summary>
    public Dictionary<string, string?> HostedWitnesses { get; } = new(StringComparer.Ordinal);

    /// <summary>The least time between two add-checkpoint rounds of one shard (the witness cadence bound).</summary>
    public TimeSpan Cadence { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one external witness may take to answer.</summary>
    public TimeSpan WitnessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
