namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The peak of the managed heap (live and not yet collected) while it runs, sampled every millisecond, and the bytes
/// allocated in that time: how many copies of a large record a path makes, as figures (never asserted as timings).
/// </summary>
public sealed class ManagedMemorySampler : IDisposable
{
    private readonly long _baseline;
    private readonly long _allocatedBefore;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _peak;

    public ManagedMemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _baseline = GC.GetTotalMemory(forceFullCollection: false);
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _peak = _baseline;
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "managed-memory-sampler" };
        _thread.Start();
    }

    /// <summary>The heap's highest point above where it was at the start.</summary>
    public long PeakAboveBaseline => Interlocked.Read(ref _peak) - _baseline;

    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
