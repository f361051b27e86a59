namespace LedgerCluster.Core.Tests.Audit;

/// <summary>One result to put in a test run record.</summary>
internal sealed record ResultItem(string Id, bool Passed, string FinishReason, long OutputTokens);
