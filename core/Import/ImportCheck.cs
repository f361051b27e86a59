namespace LedgerCluster.Core.Import;

/// <summary>
/// One check of the harness's own integrity data (lm-eval row hashes, task hash; EEE sidecar checksum, row count).
/// <see cref="Passed"/> is null when the check could not be made (e.g. a task hash over a partial samples file).
/// </summary>
public sealed record ImportCheck(string Name, bool? Passed, string Detail)
{
    public string Status => Passed switch { true => "ok", false => "MISMATCH", null => "not checkable" };

    public override string ToString() => $"{Name}: {Status} ({Detail})";
}
