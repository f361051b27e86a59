using LedgerCluster.Core.Witness;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/witness/{name}`: witnesses hosted in the cluster (c2sp.org/tlog-witness); `/v1/shards/{n}/witnesses`: witnessing progress.</summary>
public static class WitnessEndpoints
{
    public static IEndpointRouteBuilder MapWitnessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/witness/{name}/add-checkpoint", async (string name, HttpRequest request, IGrainFactory grains, IOptions<WitnessingOptions> witnessing, CancellationToken cancel) =>
        {
            if (!witnessing.Value.HostedWitnesses.ContainsKey(name)) return Text(WitnessResponse.Error(404, $"no witness named '{name}' is hosted here"));
            byte[] body;
            using (var pooled = await BodyReader.ReadAsync(request, AddCheckpointRequest.MaxBodyBytes, cancel))
            {
                if (pooled is null) return Text(WitnessResponse.Error(400, $"request body is over the limit of {AddCheckpointRequest.MaxBodyBytes} bytes"));
                body = pooled.Span.ToArray();
            }
            var reply = await grains.GetGrain<IWitnessGrain>(name).AddCheckpoint(body);
            return Results.Text(reply.Body, reply.ContentType, statusCode: reply.Status);
        })
            // The tlog-witness protocol (c2sp.org/tlog-witness) answers in text, refusals included.
            .Takes(ContractMetadata.Text, "An add-checkpoint request (c2sp.org/tlog-witness)").AnswersText(ContractMetadata.Text).AnswersText(ContractMetadata.Text, StatusCodes.Status400BadRequest)
            .AnswersText(ContractMetadata.Text, StatusCodes.Status404NotFound).AnswersText(WitnessResponse.SizeContentType, StatusCodes.Status409Conflict)
            .AnswersText(ContractMetadata.Text, StatusCodes.Status403Forbidden).AnswersText(ContractMetadata.Text, StatusCodes.Status422UnprocessableEntity).Refuses();

        app.MapGet("/v1/witness/{name}", async (string name, IGrainFactory grains, IOptions<WitnessingOptions> witnessing) =>
            witnessing.Value.HostedWitnesses.ContainsKey(name)
                ? Results.Text(await grains.GetGrain<IWitnessGrain>(name).GetVerifierKey() + "\n", "text/plain; charset=utf-8")
                : new ApiError("unknown_witness", $"no witness named '{name}' is hosted here").ToResult(StatusCodes.Status404NotFound))
            .AnswersText(ContractMetadata.Text).Refuses(StatusCodes.Status404NotFound);

        app.MapGet("/v1/shards/{n}/witnesses", async (string n, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!int.TryParse(n, System.Globalization.NumberStyles.None, null, out var shard) || shard >= ledger.Value.ShardCount)
                return new ApiError("unknown_shard", $"'{n}' is not a shard; shards are 0..{ledger.Value.ShardCount - 1}").ToResult(StatusCodes.Status404NotFound);
            var status = await grains.GetGrain<IWitnessCoordinatorGrain>(shard).GetStatus();
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            return Results.Json(new WitnessingResponse(shard, status.Quorum, info.Size, info.WitnessedSize, status.Reason,
                status.Witnesses.Select(w => new WitnessProgressView(w.Name, w.Endpoint, w.CosignedSize, w.Healthy, w.Status)).ToArray()), LedgerApiJson.Wire.WitnessingResponse);
        }).Produces<WitnessingResponse>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Text(WitnessResponse response) => Results.Text(response.Body, response.ContentType, statusCode: response.Status);
}
