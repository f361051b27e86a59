using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Trust;

/// <summary>
/// Whether `reproduced` attestations (FORMATS.md section 4) reach the witness policy's quorum. Only distinct keys
/// named by the policy count; with no policy, or a policy that needs no witness (`quorum none`), attestations alone
/// never make a record `reproduced`: someone must have re-run it.
/// </summary>
public static class ReproductionQuorum
{
    public const string Statement = "reproduced";

    /// <param name="attestations">(key, statement) pairs; the key is the attester's public key in hex (as the gateway keeps it), its vkey, or its key name.</param>
    public static bool Holds(WitnessPolicy? policy, IEnumerable<(string Key, string Statement)> attestations)
    {
        if (policy?.Quorum is null) return false;
        var attesters = attestations
            .Where(a => a.Statement == Statement)
            .Select(a => a.Key)
            .ToHashSet(StringComparer.Ordinal);
        var names = policy.Witnesses
            .Where(w => attesters.Contains(Convert.ToHexStringLower(w.Key.PublicKey)) || attesters.Contains(w.Key.ToString()) || attesters.Contains(w.Key.Name))
            .Select(w => w.Name);
        return policy.Evaluate(names);
    }
}
