using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/leaderboard`: ranked entries, optionally for one benchmark.</summary>
public static class LeaderboardEndpoints
{
    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/leaderboard", async (string? benchmark, IGrainFactory grains) =>
            Results.Json(await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetEntries(string.IsNullOrEmpty(benchmark) ? null : benchmark)));
        return app;
    }
}
