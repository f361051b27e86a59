using System.Globalization;
using LedgerCluster.Client.Cli;

// Numbers and dates print the same way whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return await LedgerCli.RunAsync(args, CliConsole.System);
