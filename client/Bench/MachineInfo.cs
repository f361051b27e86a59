using System.Runtime;
using System.Runtime.InteropServices;

namespace LedgerCluster.Client.Bench;

/// <summary>The machine a bench ran on, printed with every result so figures are never quoted without it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Runtime, string Os, string Gc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        GCSettings.IsServerGC ? "server" : "workstation");

    public override string ToString() => $"{Cores} cores, {Cpu}, {Runtime}, {Os}, {Gc} GC";

    // Linux names the CPU in /proc/cpuinfo ("model name", or "Hardware"/"Processor" on some ARM boards).
    private static string CpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                if (key is "model name" or "Hardware" or "Processor" or "cpu model") return line[(colon + 1)..].Trim();
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
