global using Xunit;
global using static LedgerCluster.EndToEnd.Tests.LedgerRun;
