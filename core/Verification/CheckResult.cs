using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Verification;

/// <summary>One line of a verification: e.g. `Inclusion: ok (index 3 of 8 under ledgercluster.local/shard/0)`.</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail)
{
    public static CheckResult Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);
    public static CheckResult Failed(string name, string detail) => new(name, CheckStatus.Failed, detail);
    public static CheckResult Skipped(string name, string detail) => new(name, CheckStatus.Skipped, detail);

    public string StatusText => Status switch { CheckStatus.Ok => "ok", CheckStatus.Failed => "FAILED", _ => "skipped" };

    public override string ToString() => $"{Name}: {StatusText}" + (Detail.Length > 0 ? $" ({Detail})" : "");

    public JObject ToJson() => new() { { "name", Name.ToLowerInvariant() }, { "status", StatusText.ToLowerInvariant() }, { "detail", Detail } };
}
