using System.Globalization;

namespace LedgerCluster.Api;

/// <summary>
/// What a board can tell apart: `n` the median number of items a pair of its rows scored in common, `discordance` pooled
/// over its pairs, `min_detectable_diff` the smallest true accuracy difference found with power 0.8 at α 0.05 (what
/// `ledger audit power` computes); null where undefined (fewer than two rows, or no discordant item).
/// </summary>
public sealed record LeaderboardPower(int N, double? Discordance, double? MinDetectableDiff)
{
    /// <summary>The line the page shows under a group.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Text => MinDetectableDiff is { } mde
        ? string.Create(CultureInfo.InvariantCulture, $"At n = {N} paired items this board detects accuracy differences of {mde * 100:0.0} points or more (power 0.8, α 0.05); smaller gaps may be chance.")
        : "Too few paired rows to say what this board can tell apart.";
}
