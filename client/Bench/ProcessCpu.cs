using System.Diagnostics;

namespace LedgerCluster.Client.Bench;

/// <summary>CPU time used by this process so far, all threads: a cost per record that other load on the machine does not inflate.</summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
