using System.Diagnostics;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// The highest working set and managed heap seen while it runs, sampled every 10 ms (the process-wide peak counter
/// cannot be reset between phases).
/// </summary>
public sealed class PeakMemorySampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Timer _timer;
    private long _workingSet;
    private long _heap;
    private long _heapAfterGc;

    public PeakMemorySampler()
    {
        Sample(null);
        _timer = new Timer(Sample, null, 10, 10);
    }

    public long PeakWorkingSet => Interlocked.Read(ref _workingSet);
    public long PeakManagedHeap => Interlocked.Read(ref _heap);

    /// <summary>The largest managed heap left by a collection: what was live (plus fragmentation), without the garbage awaiting the next one.</summary>
    public long PeakHeapAfterGc => Interlocked.Read(ref _heapAfterGc);

    private void Sample(object? state)
    {
        _process.Refresh();
        Max(ref _workingSet, _process.WorkingSet64);
        Max(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
        Max(ref _heapAfterGc, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    private static void Max(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample(null);
        _process.Dispose();
    }
}
