using System.Text.Json;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/audit/paired?a=&amp;b=`: the paired audit of two logged records (JSON, or `format=md` for the report).</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit/paired", async (string? a, string? b, long? seed, string? format, IGrainFactory grains) =>
        {
            if (a is null || b is null) return new ApiError("missing_parameter", "give both records: ?a={record id}&b={record id}").ToResult(StatusCodes.Status400BadRequest);
            foreach (var id in new[] { a, b })
                if (!Hex.IsLowerHex(id, 32)) return RecordEndpoints.BadId(id);
            var records = new List<RunRecord>();
            foreach (var id in new[] { a, b })
            {
                var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
                if (view is null) return new ApiError("not_found", $"no record {id} in the log").ToResult(StatusCodes.Status404NotFound);
                records.Add(RunRecord.Parse(view.RecordJson));
            }
            var result = PairedAudit.Run(PairedInput.FromRecord(records[0], "A"), PairedInput.FromRecord(records[1], "B"), seed ?? 0);
            return format == "md"
                ? Results.Text(result.ToMarkdown(), "text/markdown; charset=utf-8")
                : Results.Text(CanonicalJson.Serialize(result.ToJson()), "application/json");
        })
            // The audit's JSON is core's (PairedAuditResult.ToJson, FORMATS.md section 8), the same as `ledger audit paired --json`.
            .Produces<JsonElement>(StatusCodes.Status200OK, ContractMetadata.Json).AlsoAnswersText(ContractMetadata.Markdown)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }
}
