using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/shards`: the shards, their checkpoints, and inclusion / consistency proofs.</summary>
public static class ShardEndpoints
{
    public static IEndpointRouteBuilder MapShardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/shards", async (IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
            Results.Json(await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetInfo()))));

        app.MapGet("/v1/shards/{n}/checkpoint", async (string n, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
            ShardOf(n, ledger.Value, out var shard, out var error) ? Results.Text(await grains.GetGrain<ILogShardGrain>(shard).GetCheckpoint(), "text/plain; charset=utf-8") : error);

        app.MapGet("/v1/shards/{n}/proof/inclusion", async (string n, long? index, long? size, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (index is null || size is null) return Bad("missing_parameter", "give index and size, e.g. ?index=3&size=8");
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            if (size < 1 || size > info.Size || index < 0 || index >= size)
                return Bad("bad_range", $"need 0 <= index < size <= {info.Size} (the shard's size); got index {index}, size {size}");
            return Hashes(await grains.GetGrain<ILogShardGrain>(shard).GetInclusionProof(index.Value, size.Value));
        });

        app.MapGet("/v1/shards/{n}/proof/consistency", async (string n, long? from, long? to, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (from is null || to is null) return Bad("missing_parameter", "give from and to, e.g. ?from=4&to=8");
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            if (from < 1 || from > to || to > info.Size)
                return Bad("bad_range", $"need 1 <= from <= to <= {info.Size} (the shard's size); got from {from}, to {to}");
            return Hashes(await grains.GetGrain<ILogShardGrain>(shard).GetConsistencyProof(from.Value, to.Value));
        });
        return app;
    }

    private static IResult Hashes(byte[][] proof) => Results.Json(new { hashes = proof.Select(Convert.ToBase64String).ToArray() });

    private static bool ShardOf(string text, LedgerOptions ledger, out int shard, out IResult error)
    {
        error = Results.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, null, out shard) && shard < ledger.ShardCount) return true;
        error = new ApiError("unknown_shard", $"'{text}' is not a shard; shards are 0..{ledger.ShardCount - 1}").ToResult(StatusCodes.Status404NotFound);
        return false;
    }

    private static IResult Bad(string code, string detail) => new ApiError(code, detail).ToResult(StatusCodes.Status400BadRequest);
}
