using LedgerCluster.Core.Tiles;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/shards`: the shards, their checkpoints, leaves, and inclusion / consistency proofs.</summary>
public static class ShardEndpoints
{
    /// <summary>The most leaves one `entries` page lists (about 90 bytes of JSON each).</summary>
    public const int MaxEntriesPerPage = 1000;

    public static IEndpointRouteBuilder MapShardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/shards", async (IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => grains.GetGrain<ILogShardGrain>(n).GetInfo()));
            return Results.Json(shards.Select(s => new ShardDescription(s.Shard, s.Origin, s.Size, s.VerifierKey, s.WitnessedSize)).ToArray(), LedgerApiJson.Wire.ShardDescriptionArray);
        }).Produces<ShardDescription[]>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses();

        app.MapGet("/v1/shards/{n}/checkpoint", async (string n, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
            ShardOf(n, ledger.Value, out var shard, out var error) ? Results.Text(await grains.GetGrain<ILogShardGrain>(shard).GetCheckpoint(), "text/plain; charset=utf-8") : error)
            .AnswersText(ContractMetadata.Text).Refuses(StatusCodes.Status404NotFound);

        app.MapGet("/v1/shards/{n}/proof/inclusion", async (string n, long? index, long? size, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (index is null || size is null) return Bad("missing_parameter", "give index and size, e.g. ?index=3&size=8");
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            if (size < 1 || size > info.Size || index < 0 || index >= size)
                return Bad("bad_range", $"need 0 <= index < size <= {info.Size} (the shard's size); got index {index}, size {size}");
            return Hashes(await grains.GetGrain<ILogShardGrain>(shard).GetInclusionProof(index.Value, size.Value));
        }).Produces<ProofHashes>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        app.MapGet("/v1/shards/{n}/proof/consistency", async (string n, long? from, long? to, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (from is null || to is null) return Bad("missing_parameter", "give from and to, e.g. ?from=4&to=8");
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            if (from < 1 || from > to || to > info.Size)
                return Bad("bad_range", $"need 1 <= from <= to <= {info.Size} (the shard's size); got from {from}, to {to}");
            return Hashes(await grains.GetGrain<ILogShardGrain>(shard).GetConsistencyProof(from.Value, to.Value));
        }).Produces<ProofHashes>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        // The leaves and the stored checkpoints come from the store, not the shard's memory: what `ledger fsck --gateway`
        // recomputes must be what is durable. Leaves are capped at the shard's signed size, so none is listed unsigned.
        app.MapGet("/v1/shards/{n}/entries", async (string n, string? from, string? count, IGrainFactory grains, ILogStore store, IOptions<LedgerOptions> ledger, CancellationToken cancel) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (!Integer(from, 0, out var start) || !Integer(count, MaxEntriesPerPage, out var take))
                return Bad("bad_range", $"from and count must be integers, e.g. ?from=0&count={MaxEntriesPerPage}");
            if (take < 1 || take > MaxEntriesPerPage) return Bad("bad_range", $"need 1 <= count <= {MaxEntriesPerPage}; got count {take}");
            var info = await grains.GetGrain<ILogShardGrain>(shard).GetInfo();
            if (start < 0 || start > info.Size) return Bad("bad_range", $"need 0 <= from <= {info.Size} (the shard's size); got from {start}");
            var leaves = await store.ReadLeavesAsync(shard, start, (int)Math.Min(take, info.Size - start), cancel);
            return Results.Json(new ShardEntries(leaves.Select(l => new ShardEntry(l.Index, Convert.ToHexStringLower(l.RecordId))).ToArray()), LedgerApiJson.Wire.ShardEntries);
        }).Produces<ShardEntries>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        app.MapGet("/v1/shards/{n}/checkpoints", async (string n, ILogStore store, IOptions<LedgerOptions> ledger, CancellationToken cancel) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            var stored = await store.GetCheckpointsAsync(shard, cancel);
            return Results.Json(new StoredCheckpoints(stored.Select(c => new StoredCheckpointView(c.Size, c.Root, c.Note, c.SignedAt)).ToArray()), LedgerApiJson.Wire.StoredCheckpoints);
        }).Produces<StoredCheckpoints>(StatusCodes.Status200OK, ContractMetadata.Json).Refuses(StatusCodes.Status404NotFound);
        // tlog-tiles (c2sp.org/tlog-tiles): hash tiles and entry bundles of the signed tree, for any standard client or mirror.
        app.MapGet("/v1/shards/{n}/tile/{**path}", async (string n, string path, HttpContext http, IGrainFactory grains, IOptions<LedgerOptions> ledger) =>
        {
            if (!ShardOf(n, ledger.Value, out var shard, out var error)) return error;
            if (TilePath.TryParse(path, out var problem) is not { } tile) return Bad("bad_tile_path", $"'{path}': {problem}");
            var bytes = await grains.GetGrain<ILogShardGrain>(shard).GetTile(tile.Level, tile.Index, tile.Width, tile.IsEntries);
            if (bytes is null)
                return new ApiError("no_such_tile", $"the signed tree of shard {shard} has no tile {TilePath.Format(tile)} (a partial tile is served only at the width of the signed size)").ToResult(StatusCodes.Status404NotFound);
            // A full tile never changes; a partial one is replaced by a wider one at the next checkpoint.
            http.Response.Headers.CacheControl = tile.IsFull ? "public, max-age=31536000, immutable" : "public, max-age=10";
            return Results.Bytes(bytes, ContractMetadata.OctetStream);
        }).AnswersBytes().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Hashes(byte[][] proof) => Results.Json(new ProofHashes(proof.Select(Convert.ToBase64String).ToArray()), LedgerApiJson.Wire.ProofHashes);

    private static bool ShardOf(string text, LedgerOptions ledger, out int shard, out IResult error)
    {
        error = Results.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, null, out shard) && shard < ledger.ShardCount) return true;
        error = new ApiError("unknown_shard", $"'{text}' is not a shard; shards are 0..{ledger.ShardCount - 1}").ToResult(StatusCodes.Status404NotFound);
        return false;
    }

    // Parsed by hand, not bound, so "?from=abc" gets the JSON error body every other refusal has.
    private static bool Integer(string? text, long fallback, out long value)
    {
        value = fallback;
        return text is null || long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static IResult Bad(string code, string detail) => new ApiError(code, detail).ToResult(StatusCodes.Status400BadRequest);
}
