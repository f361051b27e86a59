using LedgerCluster.Client.Cli;

namespace LedgerCluster.Core.Tests.Support;

/// <summary>Runs the `ledger` command line in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await LedgerCli.RunAsync(args, new CliConsole(stdout, stderr));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
