namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Paths in this repository (the folder holding LedgerCluster.sln) and the built `ledger` apphost.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LedgerCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (LedgerCluster.sln) not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootLazy.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>
    /// The `ledger` apphost the build of this test project produced (client/bin/CONFIG/net10.0/ledger, same configuration
    /// as this assembly's bin/CONFIG/net10.0): the deploy scripts run it as a real process.
    /// </summary>
    public static string LedgerApphost
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            return Path("client", "bin", framework.Parent!.Name, framework.Name, OperatingSystem.IsWindows() ? "ledger.exe" : "ledger");
        }
    }
}
