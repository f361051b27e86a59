using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// One size of `ledger bench --scale`: the store's bytes per entry and what the log adds beyond the stored (compressed)
/// record, the compression ratio, and the node's memory (working set, live managed heap, SQLite's own allocations: its
/// page caches) after ingest and after a restart,
/// the slowest shard's activation read (the shard's resume read: head, right edge) on a freshly opened store,
/// and the time from the restarted node's start until every shard answered.
/// </summary>
public sealed record ScalePoint(int Records, int Accepted, double IngestSeconds, long StoreBytes, long RecordBytes, long StoredRecordBytes,
    long WorkingSetAfterIngest, long HeapAfterIngest, long WorkingSetAfterRestart, long HeapAfterRestart, double ActivationSeconds, double RestartSeconds,
    long SqliteAfterIngest, long SqliteAfterRestart)
{
    public double BytesPerEntry => Records == 0 ? 0 : (double)StoreBytes / Records;

    /// <summary>The log's overhead per entry: store size over entries minus the stored record bytes.</summary>
    public double OverheadPerEntry => Records == 0 ? 0 : (double)(StoreBytes - StoredRecordBytes) / Records;

    public double CompressionRatio => StoredRecordBytes == 0 ? 0 : (double)RecordBytes / StoredRecordBytes;

    public string Line() =>
        $"scale {Records:N0}: {Accepted:N0} accepted in {IngestSeconds:0.0} s; store {BytesPerEntry:N0} B/entry " +
        $"(records {RecordBytes / (double)Math.Max(1, Records):N0} B -> {StoredRecordBytes / (double)Math.Max(1, Records):N0} B stored, x{CompressionRatio:0.00}; log overhead {OverheadPerEntry:N1} B/entry); " +
        $"memory after ingest {Mb(WorkingSetAfterIngest)} MB (heap {Mb(HeapAfterIngest)} MB, SQLite {Mb(SqliteAfterIngest)} MB), " +
        $"after restart {Mb(WorkingSetAfterRestart)} MB (heap {Mb(HeapAfterRestart)} MB, SQLite {Mb(SqliteAfterRestart)} MB); " +
        $"shard activation read {ActivationSeconds * 1000:0.0} ms (slowest shard); restart to every shard answering {RestartSeconds:0.000} s";

    public JObject ToJson() => new()
    {
        { "records", Records }, { "accepted", Accepted }, { "ingest_seconds", Math.Round(IngestSeconds, 3) },
        { "store_bytes", StoreBytes }, { "record_bytes", RecordBytes }, { "stored_record_bytes", StoredRecordBytes },
        { "bytes_per_entry", Math.Round(BytesPerEntry, 1) }, { "overhead_bytes_per_entry", Math.Round(OverheadPerEntry, 1) },
        { "compression_ratio", Math.Round(CompressionRatio, 3) },
        { "working_set_after_ingest_bytes", WorkingSetAfterIngest }, { "heap_after_ingest_bytes", HeapAfterIngest },
        { "working_set_after_restart_bytes", WorkingSetAfterRestart }, { "heap_after_restart_bytes", HeapAfterRestart },
        { "sqlite_after_ingest_bytes", SqliteAfterIngest }, { "sqlite_after_restart_bytes", SqliteAfterRestart },
        { "activation_seconds", Math.Round(ActivationSeconds, 5) }, { "restart_seconds", Math.Round(RestartSeconds, 4) },
    };

    private static string Mb(long bytes) => (bytes / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
