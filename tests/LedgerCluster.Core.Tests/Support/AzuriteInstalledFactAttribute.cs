using LedgerCluster.Client.Bench;

namespace LedgerCluster.Core.Tests.Support;

/// <summary>A fact that starts its own Azurite through `ledger bench --stores`: skipped, with how to install it, when none is installed.</summary>
public sealed class AzuriteInstalledFactAttribute : FactAttribute
{
    public AzuriteInstalledFactAttribute()
    {
        if (AzuriteProcess.Find() is null)
            Skip = $"Azurite is not installed: run `bash deploy/azurite.sh start` once (it installs deploy/node_modules), or set ${AzuriteProcess.PathVariable}";
    }
}
