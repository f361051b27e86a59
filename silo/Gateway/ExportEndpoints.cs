using LedgerCluster.Core.Export;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `GET /v1/export?format=sft|dpo|sharegpt&amp;min_tier=verified&amp;benchmark=ID`: the training export of the logged records,
/// streamed as JSONL while the log is read. `summary=true` appends one last line `{"export_summary": {...}}` with the
/// counts, the records below the tier and each shard's checkpoint, for `ledger export --gateway` to write its manifest.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        // Each line is a training example in its format's own shape (FORMATS.md section 8, core's TrainingExporter), then the summary line.
        app.MapGet("/v1/export", ExportAsync).Produces<System.Text.Json.JsonElement>(StatusCodes.Status200OK, ContractMetadata.Ndjson).Refuses(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpResponse response, string? format, string? min_tier, string? benchmark, string? summary,
        ILogStore store, IGrainFactory grains, IOptions<LedgerOptions> ledger, CancellationToken cancel)
    {
        if (!ExportFormats.TryParse(format, out var exportFormat))
            return Bad("bad_format", $"format must be one of {string.Join(", ", ExportFormats.Names)}; got '{format}'");
        var tier = TrustTier.Verified;
        if (min_tier is not null && !TrustTiers.TryParse(min_tier, out tier))
            return Bad("bad_tier", $"min_tier must be one of self_reported, signed, verified, reproduced; got '{min_tier}'");
        if (summary is not null and not ("true" or "false")) return Bad("bad_summary", $"summary must be true or false; got '{summary}'");

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-ndjson; charset=utf-8";
        var options = new ExportOptions { Format = exportFormat, MinTier = tier, Benchmark = string.IsNullOrEmpty(benchmark) ? null : benchmark };
        var source = new LogExportSource(store, grains, ledger.Value.ShardCount);
        // Examples are small: send them in 64 KiB chunks rather than a write per line.
        var body = new BufferedStream(response.Body, 1 << 16);
        var result = await TrainingExporter.ExportAsync(source.ReadAsync(cancel), options, body, cancel: cancel);
        if (summary == "true")
        {
            // Read after the export: every exported record sits under these checkpoints, since a shard never shrinks.
            var checkpoints = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetCheckpoint()));
            var json = result.ToJson();
            json.Add("checkpoints", new JArray(checkpoints.Select((note, n) => (JValue)new JObject { { "shard", n }, { "note", note } }).ToList()));
            await body.WriteAsync(CanonicalJson.SerializeToUtf8(new JObject { { ExportSummaryLine.Key, json } }), cancel);
            await body.WriteAsync("\n"u8.ToArray(), cancel);
            await body.FlushAsync(cancel);
        }
        return Results.Empty;
    }

    private static IResult Bad(string code, string detail) => new ApiError(code, detail).ToResult(StatusCodes.Status400BadRequest);
}
