namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// What a board can tell apart: the smallest true accuracy difference a pair of its rows is detected at with power 0.8
/// (two-sided α = 0.05, what `ledger audit power --n Items --discordance Discordance` prints). <see cref="Items"/> is the
/// median number of items a pair scored in common; <see cref="Discordance"/> is pooled over the board's pairs
/// (discordant items / paired items). Null where it is undefined (fewer than two rows, or no discordant item).
/// </summary>
public sealed record BoardPower(int Items, double? Discordance, double? MinimumDetectableDifference);
