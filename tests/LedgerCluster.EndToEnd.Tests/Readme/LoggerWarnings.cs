namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// Drops the console logger's warning records (`warn: CATEGORY[ID]` and its lines indented by six spaces) from a stream
/// of lines. A server's warnings depend on the machine's load (Orleans warns when the thread pool stalls on a busy
/// machine), so a README cannot show them; errors (`fail:`) are kept and compared.
/// </summary>
public sealed class LoggerWarnings
{
    private bool _inWarning;

    public bool Keep(string line)
    {
        if (line.StartsWith("warn: ", StringComparison.Ordinal)) return !(_inWarning = true);
        if (_inWarning && line.StartsWith("      ", StringComparison.Ordinal)) return false;
        _inWarning = false;
        return true;
    }

    public static List<string> Without(IEnumerable<string> lines)
    {
        var filter = new LoggerWarnings();
        return lines.Where(filter.Keep).ToList();
    }
}
