using System.Text.Json;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `/v1/audit/paired?a=&amp;b=`: the paired audit of two logged records (JSON, or `format=md` for the report);
/// `/v1/compare?a=&amp;b=`: the same audit as the `/compare` page shows it, refused (422) when the records share no item.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit/paired", async (string? a, string? b, long? seed, string? format, IGrainFactory grains) =>
        {
            var audit = await RecordPairAudit.RunAsync(grains, a, b, seed ?? 0, requireSharedItems: false, modelLabels: false);
            if (audit.Result is not { } result) return audit.RefusalResult();
            return format == "md"
                ? Results.Text(result.ToMarkdown(), "text/markdown; charset=utf-8")
                : Results.Text(CanonicalJson.Serialize(result.ToJson()), "application/json");
        })
            // The audit's JSON is core's (PairedAuditResult.ToJson, FORMATS.md section 8), the same as `ledger audit paired --json`.
            .Produces<JsonElement>(StatusCodes.Status200OK, ContractMetadata.Json).AlsoAnswersText(ContractMetadata.Markdown)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        app.MapGet("/v1/compare", async (string? a, string? b, long? seed, IGrainFactory grains) =>
        {
            var audit = await RecordPairAudit.RunAsync(grains, a, b, seed ?? 0, requireSharedItems: true, modelLabels: true);
            if (audit.Result is not { } result) return audit.RefusalResult();
            // Core's audit JSON (as /v1/audit/paired), plus what the page adds: both record ids and the chart.
            var json = result.ToJson();
            json.Add("record_a", audit.A!.Id);
            json.Add("record_b", audit.B!.Id);
            json.Add("chart_svg", result.ToSvg());
            return Results.Text(CanonicalJson.Serialize(json), "application/json");
        })
            .Produces<JsonElement>(StatusCodes.Status200OK, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
