global using Xunit;
global using LedgerCluster.Cluster.Tests.Support;
