using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// A shard that refuses to serve (its stored leaves and checkpoints disagree) answers every request that reaches it with
/// 503 `{error: "shard_inconsistent", detail}` naming the problem, never a 500 with an empty body.
/// </summary>
public static class ShardInconsistentResponses
{
    public const string Error = "shard_inconsistent";

    public static IApplicationBuilder UseShardInconsistentResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (Find(e) is { } refused && !context.Response.HasStarted)
            {
                context.Response.Clear();
                // Ours to fix, and not by waiting: still a 503 with Retry-After, as every failure of ours is.
                context.Response.Headers.RetryAfter = "60";
                await new ApiError(Error, refused.Message).ToResult(StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }
        });

    public static ShardInconsistentException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ShardInconsistentException found) return found;
            if (e is AggregateException { InnerExceptions: var all } && all.Select(Find).FirstOrDefault(f => f is not null) is { } inner) return inner;
        }
        return null;
    }
}
