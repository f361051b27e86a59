using System.Text.Json;
using LedgerCluster.Core.Log;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `POST /v1/records:batch`, streamed: the body is read a line at a time and checked and logged in chunks, so a request
/// holds at most <see cref="ChunksInFlight"/> + 1 chunks of records at once, whatever the batch's size. Each line is held
/// to the same per-record limit as `POST /v1/records` (413 for that line alone). The answers (one NDJSON line per record,
/// in order) are spooled, in memory up to <see cref="SpoolMemoryBytes"/> and past that in a temporary file, and sent once
/// the body is read: HTTP/1.1 clients such as .NET's HttpClient read no answer before their upload ends, so answering
/// while reading would stall both sides once the socket buffers fill.
/// Chunks in flight are also held to <see cref="ChunksInFlight"/> x <see cref="ChunkBytes"/> bytes, except for the one
/// chunk that alone is over it (one large record), so large records are not pipelined three deep.
/// Bound per request in flight: the chunks logging (ChunksInFlight x ChunkBytes, or one chunk of at most ChunkBytes + one
/// record) + the chunk being read and verified (ChunkBytes + one record) + the line being read (one record) + the spool's
/// memory, i.e. (4 + 64) + (4 + 64) + 64 + 4 = 204 MiB at the default 64 MiB record limit with records near the limit,
/// and 2 x 4 + 4 + 4 = 16 MiB for records of a few KB (at `--max-record-mib 8`: 12 + 12 + 8 + 4 = 36 MiB).
/// </summary>
public static class BatchSubmission
{
    /// <summary>A chunk closes at this many records...</summary>
    public const int ChunkRecords = 1000;

    /// <summary>...or once its records hold this many bytes.</summary>
    public const long ChunkBytes = 4 * 1024 * 1024;

    /// <summary>Chunks being logged while the next one is read and verified.</summary>
    public const int ChunksInFlight = 2;

    public const int SpoolMemoryBytes = 4 * 1024 * 1024;

    public static async Task<IResult> SubmitAsync(HttpContext http, IGrainFactory grains, GatewayOptions gateway, LedgerOptions ledger,
        WitnessingOptions witnessing, SubmissionRateLimiter limiter, GatewayCounters counters, CancellationToken cancel)
    {
        // The whole batch has no size limit (it is never held); every record in it has one.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = null;
        var reader = new NdjsonLineReader(http.Request.BodyReader, gateway.MaxRecordBytes);
        await using var spool = new FileBufferingWriteStream(SpoolMemoryBytes);
        var inFlight = new Queue<(Task<object[]> Logged, long Bytes)>();
        long inFlightBytes = 0;
        var lines = 0;
        while (true)
        {
            var chunk = await ReadChunkAsync(reader, gateway.MaxRecordBytes, cancel);
            if (chunk.Count == 0) break;
            var firstLine = lines + 1;
            lines += chunk.Count;
            // Parsing and Ed25519 verification dominate; spread them over the cores.
            var intakes = new IntakeResult?[chunk.Count];
            Parallel.For(0, chunk.Count, i => intakes[i] = chunk[i].TooLong ? null : RecordIntake.Check(chunk[i].Bytes!));
            var chunkBytes = chunk.Sum(line => line.TooLong ? 0 : line.Length);
            inFlight.Enqueue((LogChunkAsync(grains, ledger, witnessing, limiter, counters, gateway.MaxRecordBytes, chunk, intakes, firstLine), chunkBytes));
            inFlightBytes += chunkBytes;
            while (inFlight.Count > ChunksInFlight || (inFlight.Count > 1 && inFlightBytes > ChunksInFlight * ChunkBytes))
            {
                var (logged, bytes) = inFlight.Dequeue();
                Spool(spool, await logged);
                inFlightBytes -= bytes;
            }
        }
        counters.Batch(lines);
        if (lines == 0) return new ApiError("empty_batch", "the batch holds no records (NDJSON: one record per line)").ToResult(StatusCodes.Status400BadRequest);
        while (inFlight.Count > 0) Spool(spool, await inFlight.Dequeue().Logged);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson";
        await spool.DrainBufferAsync(http.Response.Body, cancel);
        return Results.Empty;
    }

    private static async Task<List<NdjsonLine>> ReadChunkAsync(NdjsonLineReader reader, long maxRecordBytes, CancellationToken cancel)
    {
        var chunk = new List<NdjsonLine>();
        long bytes = 0;
        while (chunk.Count < ChunkRecords && bytes < ChunkBytes && await reader.ReadAsync(cancel) is { } line)
        {
            chunk.Add(line);
            if (!line.TooLong) bytes += line.Length;
        }
        return chunk;
    }

    /// <summary>The answer of every line of the chunk, in order: refused at intake, over the rate, or where its shard logged it.</summary>
    private static async Task<object[]> LogChunkAsync(IGrainFactory grains, LedgerOptions ledger, WitnessingOptions witnessing, SubmissionRateLimiter limiter,
        GatewayCounters counters, long maxRecordBytes, List<NdjsonLine> chunk, IntakeResult?[] intakes, int firstLine)
    {
        var outcomes = new object[intakes.Length];
        var byShard = new Dictionary<int, List<int>>();
        for (var i = 0; i < intakes.Length; i++)
        {
            var line = firstLine + i;
            var intake = intakes[i];
            if (intake is null)
                outcomes[i] = new BatchLineRefusal(StatusCodes.Status413PayloadTooLarge, "too_large", $"line {line}: {chunk[i].Length} bytes; a record may have at most {maxRecordBytes} bytes");
            else if (intake.Error is not null) outcomes[i] = new BatchLineRefusal(intake.Status, intake.Error.Error, $"line {line}: {intake.Error.Detail}");
            else if (!limiter.TryAcquire(intake.PublicKey!)) outcomes[i] = new BatchLineRefusal(StatusCodes.Status429TooManyRequests, "rate_limited", $"line {line}: too many submissions for key {intake.PublicKey}");
            if (outcomes[i] is not null) counters.Refuse(1);
            else
            {
                var shard = ShardRouter.ShardOf(intake!.Entry!.RecordId, ledger.ShardCount);
                if (!byShard.TryGetValue(shard, out var list)) byShard[shard] = list = [];
                list.Add(i);
            }
        }
        var trusted = witnessing.TrustedAttesters;
        await Task.WhenAll(byShard.Select(async pair =>
        {
            var results = await grains.GetGrain<ILogShardGrain>(pair.Key).Append(pair.Value.Select(i => intakes[i]!.Entry!).ToArray());
            counters.Acknowledge(results.Length);
            // One reason serves the whole shard's part of the chunk: every record past the witnessed size waits on the same checkpoint.
            var pendingReason = results.FirstOrDefault(r => r.Position.Index >= r.WitnessedSize) is { } first
                ? await TierReasons.ForAsync(grains, witnessing, first.Position, first.WitnessedSize) : null;
            for (var k = 0; k < results.Length; k++)
            {
                await RecordEndpoints.KeepCosignatureAsync(grains, trusted, results[k], intakes[pair.Value[k]]!.Entry!);
                outcomes[pair.Value[k]] = SubmissionResponse.From(results[k], results[k].Position.Index < results[k].WitnessedSize ? null : pendingReason,
                    intakes[pair.Value[k]]!.Entry!.Summary.Contradiction);
            }
        }));
        return outcomes;
    }

    // The same bytes as serializing each outcome to a string, without the string: a chunk's answer is megabytes.
    // Each line is a SubmissionResponse or a BatchLineRefusal, written with the contract's JSON context.
    private static void Spool(Stream spool, object[] outcomes)
    {
        using var json = new Utf8JsonWriter(spool);
        foreach (var outcome in outcomes)
        {
            if (outcome is SubmissionResponse logged) JsonSerializer.Serialize(json, logged, LedgerApiJson.Wire.SubmissionResponse);
            else JsonSerializer.Serialize(json, (BatchLineRefusal)outcome, LedgerApiJson.Wire.BatchLineRefusal);
            json.Flush();
            json.Reset();
            spool.Write("\n"u8);
        }
    }
}
