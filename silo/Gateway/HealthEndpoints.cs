using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Liveness (the process answers) and readiness (the cluster serves a shard).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new LiveStatus("live"), LedgerApiJson.Default.LiveStatus))
            .Produces<LiveStatus>(StatusCodes.Status200OK, ContractMetadata.Json);
        app.MapGet("/health/ready", async (IGrainFactory grains, IOptions<LedgerOptions> ledger, CancellationToken cancel) =>
        {
            try
            {
                // Every shard, not only shard 0: a shard that refuses to serve (inconsistent store) makes the node unready.
                var infos = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetInfo()))
                    .WaitAsync(TimeSpan.FromSeconds(5), cancel);
                return Results.Json(new ReadyStatus("ready", infos[0].Size), LedgerApiJson.Default.ReadyStatus);
            }
            catch (Exception e) when (ShardInconsistentResponses.Find(e) is { } refused)
            {
                return new ApiError(ShardInconsistentResponses.Error, refused.Message).ToResult(StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ApiError("not_ready", e.Message).ToResult(StatusCodes.Status503ServiceUnavailable);
            }
        }).Produces<ReadyStatus>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses();
        return app;
    }
}
