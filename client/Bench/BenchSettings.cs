namespace LedgerCluster.Client.Bench;

/// <summary>What `ledger bench` runs: which phases, how many records each, and how hard it pushes.</summary>
public sealed record BenchSettings
{
    /// <summary>
    /// Gateways to load, of one cluster; requests go round-robin over them. Empty starts an embedded node on a
    /// free loopback port.
    /// </summary>
    public IReadOnlyList<string> Gateways { get; init; } = [];

    /// <summary>
    /// `--stores`: run everything against an embedded node on each of these stores in turn (sqlite, azurite) and compare
    /// them; empty runs one embedded SQLite node (or the gateways).
    /// </summary>
    public IReadOnlyList<string> Stores { get; init; } = [];

    /// <summary>Distinct records submitted by each phase (every phase gets its own, so none is a duplicate).</summary>
    public int Records { get; init; } = 20_000;

    public bool Single { get; init; } = true;

    public bool Batch { get; init; } = true;

    /// <summary>Concurrent clients of the single phase, each with one request in flight.</summary>
    public int Concurrency { get; init; } = 64;

    public int BatchSize { get; init; } = 1000;

    /// <summary>Batch requests in flight at once in the batch phase.</summary>
    public int BatchConcurrency { get; init; } = 4;

    /// <summary>A phase stops taking new records after this long and reports what it finished.</summary>
    public TimeSpan DurationLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long each Ed25519 verify-rate probe (one core, then all cores) runs.</summary>
    public TimeSpan VerifyProbe { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Proofs fully verified per phase (signature of the checkpoint and inclusion), spread evenly.</summary>
    public int ProofSample { get; init; } = 1000;

    /// <summary>Shards of the embedded node.</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Where to write the latency histogram (.svg or .csv), if anywhere.</summary>
    public string? Histogram { get; init; }

    /// <summary>Distinct signing keys the records are spread over (per-key rate limits stay out of the way).</summary>
    public int SigningKeys { get; init; } = 16;

    /// <summary>Records the board bench fills the board with before reading it under ingest (0: no board bench).</summary>
    public int BoardRecords { get; init; }

    /// <summary>Reads of each board endpoint in each of the board bench's three conditions (idle, under ingest, idle again).</summary>
    public int BoardReads { get; init; } = 300;
}
