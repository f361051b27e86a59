using LedgerCluster.Core.Export.Eee;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `GET /v1/records/{id}/eee`: the record as an Every Eval Ever v0.3.0 aggregate, the same document `ledger export
/// --format eee --gateway` writes for it (core/Export/Eee); `?part=instances` gives its instance sidecar (JSON Lines),
/// whose SHA-256 and line count the aggregate carries.
/// </summary>
public static class EeeEndpoints
{
    public static IEndpointRouteBuilder MapEeeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/records/{id}/eee", GetAsync).Produces<System.Text.Json.JsonElement>(StatusCodes.Status200OK, ContractMetadata.Json)
            .AlsoAnswersOpenJson(ContractMetadata.Ndjson).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, string? part, HttpRequest request, IGrainFactory grains, IOptions<LedgerOptions> ledger)
    {
        if (!Hex.IsLowerHex(id, 32)) return RecordEndpoints.BadId(id);
        if (part is not (null or "aggregate" or "instances"))
            return new ApiError("bad_part", $"part must be aggregate (the default) or instances; got '{(part.Length > 40 ? part[..40] + "…" : part)}'").ToResult(StatusCodes.Status400BadRequest);
        var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
        if (view is null) return new ApiError("not_found", $"no record {id} in the log").ToResult(StatusCodes.Status404NotFound);
        var stored = view.RecordJson.AsSpan();
        if (stored.StartsWith("\uFEFF"u8)) stored = stored[3..];
        var record = RunRecord.Parse(stored);
        // The proof URL is this gateway's, as the client names it (scheme, host and path base of the request).
        var gateway = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var position = new EeeLogPosition(view.Tier, view.Position.Shard, view.Position.Index,
            ShardOrigin.For(ledger.Value.OriginPrefix, view.Position.Shard), EeeLogPosition.ProofUrlOf(gateway, id));
        var files = EeeExporter.Export(record, position);
        return part == "instances"
            ? Results.Bytes(files.Sidecar, "application/x-ndjson; charset=utf-8")
            : Results.Text(files.AggregateText(), "application/json; charset=utf-8");
    }
}
