using LedgerCluster.Client.Cli;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Runs the `ledger` command line in-process, as a user would type it, capturing its exit code and output.</summary>
public static class LedgerRun
{
    public static async Task<(int Code, string Out, string Err)> Ledger(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await LedgerCli.RunAsync(args, new CliConsole(o, e));
        return (code, o.ToString(), e.ToString());
    }
}
