using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Liveness (the process answers) and readiness (the cluster serves a shard).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new LiveStatus("live"), LedgerApiJson.Default.LiveStatus))
            .Produces<LiveStatus>(StatusCodes.Status200OK, ContractMetadata.Json);
        app.MapGet("/health/ready", async (IGrainFactory grains, CancellationToken cancel) =>
        {
            try
            {
                var info = await grains.GetGrain<ILogShardGrain>(0).GetInfo().WaitAsync(TimeSpan.FromSeconds(5), cancel);
                return Results.Json(new ReadyStatus("ready", info.Size), LedgerApiJson.Default.ReadyStatus);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ApiError("not_ready", e.Message).ToResult(StatusCodes.Status503ServiceUnavailable);
            }
        }).Produces<ReadyStatus>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses();
        return app;
    }
}
