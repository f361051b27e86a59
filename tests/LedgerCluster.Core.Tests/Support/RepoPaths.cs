namespace LedgerCluster.Core.Tests.Support;

/// <summary>Paths inside this repository (the folder holding LedgerCluster.sln), e.g. the bundled benchmarks.</summary>
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
}
