namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The `ledger` a user installs (published, or packed as a .NET tool from the same publish output), run as a process.</summary>
public sealed class PublishedCliTests
{
    [Fact]
    public async Task A_published_ledger_runs_the_demo_from_any_working_directory()
    {
        using var dir = new TempDirectory();
        var published = dir.File("ledger-published");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        // --no-build: the solution was built; this copies its output the way `dotnet publish` (and `dotnet pack`) lay it out.
        var publish = await ScriptRun.Of("dotnet", ["publish", RepoPaths.Path("client", "LedgerCluster.Client.csproj"), "-c", configuration, "--no-build",
            "-o", published, "-nologo", "-v", "quiet"], new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.True(publish.ExitCode == 0, publish.Output);

        // Run from a folder unrelated to the repository, so nothing can be found relative to the working directory.
        var elsewhere = dir.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var ledger = Path.Combine(published, OperatingSystem.IsWindows() ? "ledger.exe" : "ledger");
        var demo = await ScriptRun.Of(ledger, ["demo", "--once", "--port", EmbeddedNode.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data", Path.Combine(elsewhere, "data")], new Dictionary<string, string>(), TimeSpan.FromMinutes(3), workingDirectory: elsewhere);
        Assert.True(demo.ExitCode == 0, demo.Output);
        Assert.Contains("4 of 4 records verified offline", demo.Output, StringComparison.Ordinal);
    }
}
