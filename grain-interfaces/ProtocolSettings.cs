namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A record's generation protocol (core's GenerationProtocol): its short hash and its settings as canonical JSON
/// (board setting name → value), so a board rebuilds the protocol without the record.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ProtocolSettings")]
public sealed record ProtocolSettings(
    [property: Id(0)] string Hash,
    [property: Id(1)] string SettingsJson);
