using System.Diagnostics;
using System.Runtime;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Waits after the warm-up until the runtime stops compiling: hot precompiled (ReadyToRun) framework code is
/// re-JITted in the background once it has been called enough, and a timed phase that starts before that queue
/// drains measures the compiler, not the node.
/// </summary>
public static class JitSettle
{
    /// <summary>Returns how long it waited; gives up after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan limit, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        var last = JitInfo.GetCompiledMethodCount();
        while (clock.Elapsed < limit && quiet < 3)
        {
            await Task.Delay(200, cancel);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now - last <= 2 ? quiet + 1 : 0;
            last = now;
        }
        return clock.Elapsed;
    }
}
