namespace LedgerCluster.Core.Export;

/// <summary>Wire names of <see cref="ExportFormat"/>: `sft`, `dpo`, `sharegpt`.</summary>
public static class ExportFormats
{
    public static readonly string[] Names = ["sft", "dpo", "sharegpt"];

    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.Sft => "sft",
        ExportFormat.Dpo => "dpo",
        _ => "sharegpt",
    };

    public static bool TryParse(string? name, out ExportFormat format)
    {
        foreach (var candidate in Enum.GetValues<ExportFormat>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }
        format = ExportFormat.Sft;
        return false;
    }
}
