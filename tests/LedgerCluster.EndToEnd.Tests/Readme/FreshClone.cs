using System.Diagnostics;

namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// A fresh folder laid out like a new clone: ROOT/LedgerCluster holds this repository's files (git's tracked and untracked,
/// not ignored: no bin/, obj/ or data), ROOT/shared links to the real ../shared, and ROOT/bin/ledger runs the `ledger`
/// the test build produced (what `dotnet run --project client --` or the installed tool would run). Disposing deletes it.
/// </summary>
public sealed class FreshClone : IDisposable
{
    public FreshClone(string sharedDirectory)
    {
        Root = Path.Combine(Path.GetTempPath(), "ledger-readme-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Root);
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in TrackedFiles())
        {
            var source = Path.Combine(RepoPaths.Root, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(Directory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        File.CreateSymbolicLink(Path.Combine(Root, "shared"), sharedDirectory);
        var bin = Path.Combine(Root, "bin");
        System.IO.Directory.CreateDirectory(bin);
        var shim = Path.Combine(bin, "ledger");
        File.WriteAllText(shim, $"#!/bin/sh\nexec '{RepoPaths.LedgerApphost}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            // The checkpoint memory of `ledger verify --gateway` stays in the session, out of the user's home.
            ["LEDGER_HOME"] = Path.Combine(Root, "ledger-home"),
        };
    }

    public string Root { get; }

    /// <summary>The clone itself, where the README's commands run.</summary>
    public string Directory => Path.Combine(Root, "LedgerCluster");

    public IReadOnlyDictionary<string, string> Environment { get; }

    private static IEnumerable<string> TrackedFiles()
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" }) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        var listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException("git ls-files failed in " + RepoPaths.Root);
        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct();
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
