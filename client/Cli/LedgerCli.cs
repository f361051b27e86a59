using System.CommandLine;
using LedgerCluster.Client.Commands;

namespace LedgerCluster.Client.Cli;

/// <summary>The `ledger` command line: builds the command tree and maps failures to exit codes.</summary>
public static class LedgerCli
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "ledger: verifiable AI evaluation records.\n" +
            "Runs become Ed25519-signed, content-addressed run records, appended to an RFC 6962 Merkle log\n" +
            "whose checkpoints witnesses co-sign; anyone can verify a record offline.\n" +
            "Exit codes: 0 success or VERIFIED, 1 not verified / check failed, 2 usage or input error.");
        root.Subcommands.Add(KeygenCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(LeaderboardCommand.Create(console));
        root.Subcommands.Add(BenchmarkCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(SubmitCommand.Create(console));
        root.Subcommands.Add(ProofCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(FsckCommand.Create(console));
        root.Subcommands.Add(WitnessCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancel = default)
    {
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.Error.WriteLine($"ledger: {error.Message}");
            console.Error.WriteLine("Run 'ledger --help' for usage.");
            return ExitCodes.UsageOrInput;
        }
        try
        {
            var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(config, cancel);
        }
        catch (CliException e)
        {
            console.Error.WriteLine($"ledger: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or Gateway.NotALedgerGatewayException)
        {
            console.Error.WriteLine($"ledger: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input: still one line and a failing exit code, never an unhandled crash.
            console.Error.WriteLine($"ledger: unexpected error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("LEDGER_DEBUG") is not null) console.Error.WriteLine(e);
            return ExitCodes.NotVerified;
        }
    }
}
