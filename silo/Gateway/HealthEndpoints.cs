using LedgerCluster.Core.Log;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// Liveness (the process answers) and readiness: the store takes a durable probe write, every shard answers, and no shard
/// has gone longer than <see cref="GatewayOptions.MaxCheckpointAge"/> without signing while entries wait (`checkpoint_stale`).
/// Not ready is 503 with `Retry-After` and `{error, detail}`, the detail one line (no stack trace, no paths).
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    // A shard that stopped signing is not back in a second; a balancer need not ask sooner.
    private const int StaleRetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new LiveStatus("live"), LedgerApiJson.Wire.LiveStatus))
            .Produces<LiveStatus>(StatusCodes.Status200OK, ContractMetadata.Json);
        app.MapGet("/health/ready", async (HttpResponse response, IGrainFactory grains, ILogStore store, IOptions<LedgerOptions> ledger, IOptions<GatewayOptions> gateway,
            ILogger<GatewayFailure> log, CancellationToken cancel) =>
        {
            try
            {
                // Reads can keep working on a full or read-only disk; only a write shows that appends would fail.
                await store.ProbeWriteAsync(cancel).WaitAsync(ProbeTimeout, cancel);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                log.LogWarning(e, "Readiness: the store refused a probe write");
                return NotReady(response, GatewayFailure.Storage(e));
            }
            try
            {
                // Every shard, not only shard 0: a shard that refuses to serve (inconsistent store) makes the node unready.
                var infos = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetInfo()))
                    .WaitAsync(ProbeTimeout, cancel);
                var stale = CheckpointFreshness.StaleShards(infos.Select(ShardSignings.Of), DateTimeOffset.UtcNow, gateway.Value.MaxCheckpointAge);
                if (stale.Count > 0)
                {
                    log.LogWarning("Readiness: {Stale}", string.Join("; ", stale));
                    return NotReady(response, new GatewayFailure(StatusCodes.Status503ServiceUnavailable, "checkpoint_stale", string.Join("; ", stale), StaleRetryAfterSeconds));
                }
                return Results.Json(new ReadyStatus("ready", infos[0].Size), LedgerApiJson.Wire.ReadyStatus);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                log.LogWarning(e, "Readiness: a shard did not answer");
                var failure = GatewayFailure.Of(e);
                return NotReady(response, failure.RetryAfterSeconds is null ? failure with { Error = "not_ready", RetryAfterSeconds = 1 } : failure);
            }
        }).Produces<ReadyStatus>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses();
        return app;
    }

    private static IResult NotReady(HttpResponse response, GatewayFailure failure)
    {
        response.Headers.RetryAfter = (failure.RetryAfterSeconds ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return failure.Body.ToResult(StatusCodes.Status503ServiceUnavailable);
    }
}
