using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// What `ledger bench --large-batch MIB` measured: one chunked NDJSON batch of that size into an embedded node, and how
/// far the node's memory rose over its level just before: the working set, and the managed heap as the collections left it
/// (live objects, not garbage awaiting collection), peaks sampled every 10 ms.
/// </summary>
public sealed record LargeBatchResult(long Bytes, int Records, int Accepted, double Seconds,
    long BaselineWorkingSet, long PeakWorkingSet, long AfterWorkingSet, long BaselineHeap, long PeakHeap)
{
    /// <summary>The gateway's stated bound on the record bytes one batch request holds (BatchSubmission): 3 chunks of 4 MiB + one line + the answer spool.</summary>
    public const long StatedBoundBytes = 48L * 1024 * 1024;

    public long WorkingSetRise => Math.Max(0, PeakWorkingSet - BaselineWorkingSet);

    public long HeapRise => Math.Max(0, PeakHeap - BaselineHeap);

    public bool Passed => Accepted == Records;

    public string Line() =>
        $"large batch: {Mb(Bytes)} MB chunked, {Records:N0} records of ~{LargeBatchContent.RecordBytes / 1024} KiB, {Accepted:N0} accepted in {Seconds:0.0} s; " +
        $"node memory rise at peak: working set +{Mb(WorkingSetRise)} MB (from {Mb(BaselineWorkingSet)} MB; {Mb(AfterWorkingSet)} MB after), " +
        $"live managed heap +{Mb(HeapRise)} MB (bound per batch request in flight: {Mb(StatedBoundBytes)} MB of record bytes)";

    public JObject ToJson() => new()
    {
        { "bytes", Bytes }, { "records", Records }, { "accepted", Accepted }, { "seconds", Math.Round(Seconds, 3) },
        { "working_set_baseline_bytes", BaselineWorkingSet }, { "working_set_peak_bytes", PeakWorkingSet }, { "working_set_after_bytes", AfterWorkingSet },
        { "working_set_rise_bytes", WorkingSetRise }, { "live_heap_rise_bytes", HeapRise }, { "stated_bound_bytes", StatedBoundBytes }, { "passed", Passed },
    };

    private static string Mb(long bytes) => (bytes / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
