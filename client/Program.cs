using LedgerCluster.Client.Cli;

return await LedgerCli.RunAsync(args, CliConsole.System);
