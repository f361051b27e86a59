namespace LedgerCluster.Core.Notes;

/// <summary>
/// A c2sp.org/tlog-policy file (the Sigsum policy format with vkeys): known logs, known witnesses, nested k-of-n
/// groups and one quorum rule.
/// </summary>
public sealed class WitnessPolicy
{
    public const int MaxPolicyBytes = 256 * 1024;

    /// <summary>Each well above the spec's recommended minimum of 32.</summary>
    public const int MaxLogs = 256, MaxWitnesses = 256, MaxGroups = 256;

    /// <summary>The predefined name meaning "no cosignatures required".</summary>
    public const string NoneName = "none";

    private WitnessPolicy(IReadOnlyList<PolicyLog> logs, IReadOnlyList<PolicyWitness> witnesses, IReadOnlyList<PolicyGroup> groups, string? quorum)
    {
        Logs = logs;
        Witnesses = witnesses;
        Groups = groups;
        Quorum = quorum;
    }

    public IReadOnlyList<PolicyLog> Logs { get; }

    public IReadOnlyList<PolicyWitness> Witnesses { get; }

    /// <summary>Groups in definition order; members always refer to earlier lines.</summary>
    public IReadOnlyList<PolicyGroup> Groups { get; }

    /// <summary>The witness or group that must witness a checkpoint; null for <c>quorum none</c>.</summary>
    public string? Quorum { get; }

    /// <summary>The cosignature/v1 keys of every witness the policy names.</summary>
    public IReadOnlyList<NoteVerifierKey> WitnessKeys => Witnesses.Select(w => w.Key).ToList();

    public IReadOnlyList<NoteVerifierKey> LogKeys => Logs.Select(l => l.Key).ToList();

    public static WitnessPolicy Parse(string text) => WitnessPolicyParser.Parse(text);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WitnessPolicy? policy, out string error)
    {
        policy = null;
        error = "";
        if (text is null) { error = "policy is missing"; return false; }
        try { policy = Parse(text); return true; }
        catch (FormatException e) { error = e.Message; return false; }
    }

    internal static WitnessPolicy Create(IReadOnlyList<PolicyLog> logs, IReadOnlyList<PolicyWitness> witnesses, IReadOnlyList<PolicyGroup> groups, string? quorum) =>
        new(logs, witnesses, groups, quorum);

    /// <summary>
    /// True when the witnesses named in <paramref name="cosignedWitnessNames"/> (policy names of witnesses whose
    /// cosignature verified) satisfy the quorum. Unknown names are ignored.
    /// </summary>
    public bool Evaluate(IEnumerable<string> cosignedWitnessNames)
    {
        ArgumentNullException.ThrowIfNull(cosignedWitnessNames);
        if (Quorum is null) return true;
        var cosigned = cosignedWitnessNames.ToHashSet(StringComparer.Ordinal);
        var witnessed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var witness in Witnesses) witnessed[witness.Name] = cosigned.Contains(witness.Name);
        // Definition order is a topological order, so each group is computed once from already-known members.
        foreach (var group in Groups) witnessed[group.Name] = group.Members.Count(m => witnessed[m]) >= group.Threshold;
        return witnessed[Quorum];
    }

    /// <summary>
    /// Checks a signed checkpoint: it parses, a policy log whose key name is the origin signed it, no signature by a
    /// policy key fails, and the witnesses that cosigned satisfy the quorum.
    /// </summary>
    public PolicyVerification VerifyCheckpoint(SignedNote signedCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        var noCosignatures = new Dictionary<string, WitnessCosignature>(StringComparer.Ordinal);
        if (!Checkpoint.TryParse(signedCheckpoint.Text, out var checkpoint, out var parseError))
            return new PolicyVerification(parseError, null, null, noCosignatures);
        var result = signedCheckpoint.Verify(LogKeys.Concat(WitnessKeys));
        if (result.Failed.Count > 0)
            return new PolicyVerification(result.Error, checkpoint, null, noCosignatures);
        var logs = result.Verified.Where(v => Logs.Any(l => l.Key.Equals(v.Key))).Select(v => v.Key).ToList();
        var log = logs.FirstOrDefault(k => string.Equals(k.Name, checkpoint.Origin, StringComparison.Ordinal));
        if (log is null)
        {
            var error = logs.Count == 0
                ? "checkpoint is not signed by any log in the policy"
                : $"checkpoint origin '{checkpoint.Origin}' is not the name of the log key that signed it ({logs[0].Name})";
            return new PolicyVerification(error, checkpoint, null, noCosignatures);
        }
        var cosignatures = new Dictionary<string, WitnessCosignature>(StringComparer.Ordinal);
        foreach (var witness in Witnesses)
        {
            var hit = result.Verified.FirstOrDefault(v => v.Key.Equals(witness.Key));
            if (hit?.Timestamp is { } time) cosignatures[witness.Name] = new WitnessCosignature(witness.Key, time);
        }
        var quorumError = Evaluate(cosignatures.Keys) ? null
            : $"quorum '{Quorum}' not met: {cosignatures.Count} of {Witnesses.Count} witnesses cosigned ({string.Join(", ", cosignatures.Keys)})";
        return new PolicyVerification(quorumError, checkpoint, log, cosignatures);
    }
}
