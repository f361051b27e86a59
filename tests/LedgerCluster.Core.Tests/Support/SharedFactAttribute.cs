namespace LedgerCluster.Core.Tests.Support;

/// <summary>A fact that needs `../shared/`: skipped, with a clear message, when the folder is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!SharedData.Available) Skip = SharedData.MissingMessage;
    }
}
