namespace LedgerCluster.GrainInterfaces;

/// <summary>A tlog-witness HTTP answer: status, body and content type.</summary>
[GenerateSerializer, Immutable, Alias("ledger.WitnessReply")]
public sealed record WitnessReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string Body,
    [property: Id(2)] string ContentType);
