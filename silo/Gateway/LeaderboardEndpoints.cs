using System.Text;
using System.Text.Json;
using LedgerCluster.Api.Rendering;
using LedgerCluster.GrainInterfaces;
using Microsoft.Extensions.Hosting;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `/v1/leaderboard`: ranked rows (JSON, or `?format=md` Markdown), optionally one benchmark's board, paged with
/// `offset`/`limit` (1,000 rows by default, at most 10,000 a read; the total is in `X-Total-Count`); the rows come grouped
/// by benchmark board (content hash), each group ranked on its own. `/v1/leaderboard/groups` (same query, every group
/// without `limit`): the groups those rows are on, with each board's power line, read without reading the rows.
/// `/v1/leaderboard/stream`: one server-sent event per board change, each row with its rank on its benchmark board.
/// </summary>
public static class LeaderboardEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/leaderboard", GetAsync).Produces<LeaderboardRow[]>(StatusCodes.Status200OK, ContractMetadata.Json).AlsoAnswersText(ContractMetadata.Markdown)
            .Refuses(StatusCodes.Status400BadRequest);
        app.MapGet("/v1/leaderboard/groups", GetGroupsAsync).Produces<LeaderboardGroup[]>(StatusCodes.Status200OK, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest);
        // Server-sent events; each `change` event's data is a BoardChangeEvent.
        app.MapGet("/v1/leaderboard/stream", StreamAsync).AnswersText("text/event-stream").Refuses();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpRequest request, HttpResponse response, IGrainFactory grains)
    {
        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "md"))
            return new ApiError("bad_query", $"format: expected json or md, got '{(format.Length > 40 ? format[..40] : format)}'").ToResult(StatusCodes.Status400BadRequest);
        if (BoardQuery.Parse(request, BoardQuery.DefaultLimit, out var error) is not { } query) return error!.ToResult(StatusCodes.Status400BadRequest);
        var page = await BoardReader.GetPageAsync(grains, query, query.Limit);
        response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = page.Entries.Select(LeaderboardRow.From).ToArray();
        if (format == "md") return Results.Text(LeaderboardMarkdown.Write(rows), "text/markdown; charset=utf-8");
        return Results.Json(rows, LedgerApiJson.Wire.LeaderboardRowArray);
    }

    private static async Task<IResult> GetGroupsAsync(HttpRequest request, IGrainFactory grains)
    {
        if (BoardQuery.Parse(request, int.MaxValue, out var error, maxLimit: int.MaxValue) is not { } query) return error!.ToResult(StatusCodes.Status400BadRequest);
        var groups = await BoardReader.GetGroupsAsync(grains, query);
        return Results.Json(groups.Select(LeaderboardGroup.From).ToArray(), LedgerApiJson.Wire.LeaderboardGroupArray);
    }

    private static async Task StreamAsync(HttpContext http, LeaderboardFeed feed, IHostApplicationLifetime lifetime)
    {
        var benchmark = http.Request.Query["benchmark"].ToString();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var listener = await feed.ListenAsync();
        await WriteAsync(http.Response, "retry: 2000\n: connected\n\n", cancel.Token);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await listener.Changes.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    await WriteAsync(http.Response, ": heartbeat\n\n", cancel.Token);
                    continue;
                }
                while (listener.Changes.TryRead(out var change))
                {
                    // Each row's rank is on its own benchmark board, which is the group a client sees it in whether it follows
                    // the overall view or `?benchmark=`: a client following one benchmark only gets that benchmark's rows.
                    var rows = change.Entries.Where(e => benchmark.Length == 0 || e.Benchmark.StartsWith(benchmark + "@", StringComparison.Ordinal))
                        .Select(LeaderboardRow.From).ToArray();
                    if (rows.Length == 0) continue;
                    var data = JsonSerializer.Serialize(new BoardChangeEvent(change.Kind, change.Total, rows, change.BenchmarkHash), LedgerApiJson.Wire.BoardChangeEvent);
                    await WriteAsync(http.Response, $"event: change\ndata: {data}\n\n", cancel.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left or the node is stopping.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancel)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel);
        await response.Body.FlushAsync(cancel);
    }
}
