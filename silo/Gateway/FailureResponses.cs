namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// The last word on any exception escaping an endpoint: never an empty 500. A failure of the cluster or its storage is
/// 503 with `Retry-After` and `{error, detail}` (<see cref="GatewayFailure"/>), anything else 500 `internal_error`; the
/// full exception goes to the log, never to the caller.
/// </summary>
public static class FailureResponses
{
    public static IApplicationBuilder UseFailureResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            var failure = GatewayFailure.Of(e);
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FailureResponses));
            log.Log(failure.Status < 500 ? LogLevel.Debug : failure.RetryAfterSeconds is null ? LogLevel.Error : LogLevel.Warning, e,
                "{Method} {Path} answered {Status} {Error}", context.Request.Method, context.Request.Path, failure.Status, failure.Error);
            if (context.Response.HasStarted)
            {
                // Part of a streamed answer is out: its status cannot change, so cut the connection rather than let a
                // truncated body pass for a whole one.
                context.Abort();
                return;
            }
            context.Response.Clear();
            if (failure.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await failure.Body.ToResult(failure.Status).ExecuteAsync(context);
        }
    });
}
