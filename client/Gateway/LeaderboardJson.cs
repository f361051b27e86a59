using LedgerCluster.Core.Json;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Client.Gateway;

/// <summary>Reads the rows of `GET /v1/leaderboard` back into board entries.</summary>
public static class LeaderboardJson
{
    public static LeaderboardEntry[] Read(JArray board) => board.Items.Cast<JObject>().Select(r => new LeaderboardEntry(
        (int)Integer(r["rank"]), Text(r["tier"])!, Number(r["score"]), Text(r["benchmark"])!, Text(r["model"])!, Number(r["accuracy"]),
        (int)Integer(r["tasks"]), Text(r["signer"]), Text(r["record_id"])!, (int)Integer(r["passed"]), Text(r["reproduction_failed"]),
        Text(r["verdict"]))).ToArray();

    private static string? Text(JValue? v) => v is JString s ? s.Value : null;

    private static long Integer(JValue? v) => v is JInteger i ? (long)i.Value : 0;

    // System.Text.Json writes 0.0 as 0, so a number may arrive as either kind.
    private static double Number(JValue? v) => v switch { JFloat f => f.Value, JInteger i => (double)i.Value, _ => double.NaN };
}
