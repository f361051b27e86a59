using System.CommandLine;

namespace LedgerCluster.Client.Cli;

/// <summary>Options shared by every command.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text" };
}
