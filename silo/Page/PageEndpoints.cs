using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records.Items;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using LedgerCluster.Api.Rendering;
using LedgerCluster.Silo.Gateway;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Page;

/// <summary>`GET /`: the live trust leaderboard page; `GET /records/{id}` (query `filter`, `q`, `page`): one record's evidence page with its items; `GET /compare`: two records' paired audit.</summary>
public static class PageEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", BoardAsync).AnswersText("text/html").AnswersText("text/html", StatusCodes.Status400BadRequest).Refuses();
        app.MapGet("/records/{id}", RecordAsync).AnswersText("text/html").AnswersText("text/html", StatusCodes.Status400BadRequest)
            .AnswersText("text/html", StatusCodes.Status404NotFound).Refuses();
        app.MapGet("/compare", CompareAsync).AnswersText("text/html").AnswersText("text/html", StatusCodes.Status400BadRequest)
            .AnswersText("text/html", StatusCodes.Status404NotFound).AnswersText("text/html", StatusCodes.Status422UnprocessableEntity).Refuses();
        return app;
    }

    private static async Task<IResult> BoardAsync(HttpRequest request, IGrainFactory grains)
    {
        if (BoardQuery.Parse(request, LeaderboardPage.PageSize, out var error) is not { } query)
            return Results.Content(RecordPage.Message("Bad request", error!.Detail), HtmlType, statusCode: StatusCodes.Status400BadRequest);
        var catalog = await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetCatalog();
        var benchmarks = catalog.GroupBy(c => c.BenchmarkId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Count))).ToArray();
        var page = await BoardReader.GetPageAsync(grains, query with { Trust = true }, LeaderboardPage.PageSize, catalog);
        return Results.Content(LeaderboardPage.Render(page.Entries.Select(LeaderboardRow.From).ToArray(), page.Total, benchmarks, query.Benchmark,
            Math.Min(query.Offset, page.Total), groups: page.Groups.Select(LeaderboardGroup.From).ToArray()), HtmlType);
    }

    // No seed on the page (bootstrap seed 0, as `ledger audit paired`): a query value that does not bind would answer JSON, not a page.
    private static async Task<IResult> CompareAsync(string? a, string? b, IGrainFactory grains)
    {
        var audit = await RecordPairAudit.RunAsync(grains, a, b, seed: 0, requireSharedItems: true, modelLabels: true);
        if (audit.Result is not { } result)
            return Results.Content(RecordPage.Message("Cannot compare", audit.Refusal!.Detail), HtmlType, statusCode: audit.Status);
        return Results.Content(ComparePage.Render(result, audit.A!, audit.B!), HtmlType);
    }

    private static async Task<IResult> RecordAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<LedgerOptions> ledger, IOptions<WitnessingOptions> witnessing)
    {
        if (!Hex.IsLowerHex(id, 32))
            return Results.Content(RecordPage.Message("Not a record id", $"'{(id.Length > 80 ? id[..80] + "…" : id)}' is not a record id (64 lowercase hex characters)."),
                HtmlType, statusCode: StatusCodes.Status400BadRequest);
        // A bad page or filter is refused like the board's bad queries; a page past the end renders empty and says so.
        if (ItemQuery.Parse(request.Query["page"], request.Query["filter"], request.Query["q"], out var queryError) is not { } items)
            return Results.Content(RecordPage.Message("Bad request", queryError!), HtmlType, statusCode: StatusCodes.Status400BadRequest);
        var shardNumber = ShardRouter.ShardOf(id, ledger.Value.ShardCount);
        var shard = grains.GetGrain<ILogShardGrain>(shardNumber);
        var (view, proof, info) = (await grains.GetGrain<IRunRecordGrain>(id).Get(), await shard.GetRecordProof(id), await shard.GetInfo());
        if (view is null || proof is null)
            return Results.Content(RecordPage.Message("Record not found", $"No record {id} is in the log."), HtmlType, statusCode: StatusCodes.Status404NotFound);
        var file = new TlogProof((ulong)proof.Position.Index, proof.Hashes, SignedNote.Parse(proof.Checkpoint));
        return Results.Content(RecordPage.Render(view, file, info.VerifierKey, witnessing.Value.PolicyText, items), HtmlType);
    }
}
