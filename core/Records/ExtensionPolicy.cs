namespace LedgerCluster.Core.Records;

internal static class ExtensionPolicy
{
    public const string NotInVerievalsSchema =
        "unknown field (extension fields are allowed only when schema_version is \"" + SchemaVersions.LedgerCluster + "\")";
}
