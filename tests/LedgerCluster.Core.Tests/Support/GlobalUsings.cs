global using Xunit;
global using LedgerCluster.Core.Tests.Support;
