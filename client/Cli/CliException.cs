namespace LedgerCluster.Client.Cli;

/// <summary>A usage or input error: the command prints the one-line reason to stderr and exits 2.</summary>
public sealed class CliException(string message) : Exception(message);
