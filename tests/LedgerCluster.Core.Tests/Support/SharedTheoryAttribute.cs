namespace LedgerCluster.Core.Tests.Support;

/// <summary>A theory that needs `../shared/`: skipped, with a clear message, when the folder is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!SharedData.Available) Skip = SharedData.MissingMessage;
    }
}
