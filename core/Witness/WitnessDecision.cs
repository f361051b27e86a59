namespace LedgerCluster.Core.Witness;

/// <summary>
/// The answer to one add-checkpoint request, and the log state to store before sending it (null: nothing changes).
/// <see cref="Origin"/> is set once the request parsed.
/// </summary>
public sealed record WitnessDecision(WitnessResponse Response, string? Origin, WitnessedLog? NewState);
