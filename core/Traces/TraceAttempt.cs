using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Traces;

/// <summary>
/// One attempt at a task read from a trace file: a rollout branch or a compliance record. <see cref="Source"/> is
/// `file:line`; <see cref="Params"/> holds what distinguishes attempts (rollout id, branch, temperature, mode...).
/// </summary>
public sealed record TraceAttempt(string Source, string Prompt, string Output, bool Passed, string Provider, string Model, JObject Params, DateTimeOffset? CreatedAt);
