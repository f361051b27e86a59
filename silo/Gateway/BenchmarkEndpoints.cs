using System.Text.Json;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/benchmarks`: register a benchmark version by content hash, read it back.</summary>
public static class BenchmarkEndpoints
{
    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/benchmarks", RegisterAsync).Takes(ContractMetadata.Json, "A benchmark definition: id, version, scorer and tasks")
            .Produces<BenchmarkRegistration>(StatusCodes.Status200OK, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        app.MapGet("/v1/benchmarks/{id}/{version}", async (string id, string version, IGrainFactory grains) =>
        {
            var definition = await grains.GetGrain<IBenchmarkGrain>(Key(id, version)).Get();
            return definition is null
                ? new ApiError("not_found", $"no benchmark {id}@{version} is registered").ToResult(StatusCodes.Status404NotFound)
                : Results.Text(definition.Json, "application/json");
        }).Produces<JsonElement>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> gateway, CancellationToken cancel)
    {
        using var body = await BodyReader.ReadAsync(request, gateway.Value.MaxRecordBytes, cancel);
        if (body is null) return BodyReader.TooLarge(gateway.Value.MaxRecordBytes);
        Benchmark benchmark;
        try { benchmark = BenchmarkJson.Read(JsonParser.Parse(body.Span)); }
        catch (JsonParseException e) { return new ApiError("malformed_json", e.Message).ToResult(StatusCodes.Status400BadRequest); }
        catch (RecordSchemaException e) { return new ApiError("schema_violation", e.Message).ToResult(StatusCodes.Status400BadRequest); }

        var hash = benchmark.ContentHash();
        var json = CanonicalJson.Serialize(BenchmarkJson.Write(benchmark));
        var held = await grains.GetGrain<IBenchmarkGrain>(Key(benchmark.Id, benchmark.Version)).Register(new BenchmarkDefinition(json, hash));
        if (held.ContentHash != hash)
            return new ApiError("version_conflict", $"{benchmark.Id}@{benchmark.Version} is registered with content hash {held.ContentHash}; this one hashes to {hash}. Bump the version.")
                .ToResult(StatusCodes.Status409Conflict);
        // Records already logged on it can be re-run now.
        grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).BenchmarkRegistered(benchmark.Id).Ignore();
        return Results.Json(new BenchmarkRegistration(benchmark.Id, benchmark.Version, benchmark.Scorer, benchmark.Tasks.Count, hash), LedgerApiJson.Wire.BenchmarkRegistration);
    }

    // Grain keys avoid '/', which storage providers fold into other characters.
    private static string Key(string id, string version) => $"{id}@{version}";

}
