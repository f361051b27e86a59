using System.Buffers;
using System.Text.Json;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Core.Witness;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo.Gateway;

/// <summary>`/v1/records`: submit one or a batch, read a record, fetch its offline proof.</summary>
public static class RecordEndpoints
{
    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/records", SubmitAsync);
        app.MapPost("/v1/records:batch", SubmitBatchAsync);
        app.MapGet("/v1/records/{id}", GetAsync);
        app.MapGet("/v1/records/{id}/proof", GetProofAsync);
        app.MapPost("/v1/records/{id}/attestations", AttestAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> gateway,
        IOptions<LedgerOptions> ledger, IOptions<WitnessingOptions> witnessing, SubmissionRateLimiter limiter, GatewayCounters counters, bool? wait, CancellationToken cancel)
    {
        IntakeResult intake;
        using (var body = await BodyReader.ReadAsync(request, gateway.Value.MaxRecordBytes, cancel))
        {
            if (body is null) return Refused(BodyReader.TooLarge(gateway.Value.MaxRecordBytes));
            intake = RecordIntake.Check(body.Span);
        }
        if (intake.Error is not null) return Refused(intake.Error.ToResult(intake.Status));
        var (entry, publicKey) = (intake.Entry!, intake.PublicKey!);
        if (!limiter.TryAcquire(publicKey)) return Refused(limiter.Refuse(publicKey));

        var shardNumber = ShardRouter.ShardOf(entry.RecordId, ledger.Value.ShardCount);
        var shard = grains.GetGrain<ILogShardGrain>(shardNumber);
        if (wait == false)
        {
            // Accepted, not yet durable: the shard integrates it with its next batch.
            shard.Append([entry]).Ignore();
            counters.Acknowledge(1);
            return Results.Json(new { record_id = entry.RecordId, shard = shardNumber }, statusCode: StatusCodes.Status202Accepted);
        }
        var result = (await shard.Append([entry]))[0];
        counters.Acknowledge(1);
        await KeepCosignatureAsync(grains, witnessing.Value.TrustedAttesters, result, entry);
        return Results.Json(SubmissionResponse.From(result, await TierReasons.ForAsync(grains, witnessing.Value, result.Position, result.WitnessedSize)));

        IResult Refused(IResult refusal)
        {
            counters.Refuse(1);
            return refusal;
        }
    }

    private static async Task<IResult> SubmitBatchAsync(HttpRequest request, HttpResponse response, IGrainFactory grains,
        IOptions<GatewayOptions> gateway, IOptions<LedgerOptions> ledger, IOptions<WitnessingOptions> witnessing, SubmissionRateLimiter limiter, GatewayCounters counters,
        CancellationToken cancel)
    {
        IntakeResult[] intakes;
        using (var body = await BodyReader.ReadAsync(request, gateway.Value.MaxBatchBytes, cancel))
        {
            if (body is null) return BodyReader.TooLarge(gateway.Value.MaxBatchBytes);
            var lines = NdjsonLines.Split(body.Span);
            if (lines.Count == 0) return new ApiError("empty_batch", "the batch holds no records (NDJSON: one record per line)").ToResult(StatusCodes.Status400BadRequest);

            // Parsing and Ed25519 verification dominate; spread them over the cores. Each accepted entry holds its own
            // copy of its line, so the pooled body goes back as soon as every line is checked.
            intakes = new IntakeResult[lines.Count];
            Parallel.For(0, lines.Count, i => intakes[i] = RecordIntake.Check(body.Span.Slice(lines[i].Start, lines[i].Length)));
        }
        counters.Batch(intakes.Length);
        var outcomes = new object[intakes.Length];
        var byShard = new Dictionary<int, List<int>>();
        for (var i = 0; i < intakes.Length; i++)
        {
            var intake = intakes[i];
            if (intake.Error is not null) outcomes[i] = new { status = intake.Status, error = intake.Error.Error, detail = $"line {i + 1}: {intake.Error.Detail}" };
            else if (!limiter.TryAcquire(intake.PublicKey!)) outcomes[i] = new { status = 429, error = "rate_limited", detail = $"line {i + 1}: too many submissions for key {intake.PublicKey}" };
            if (outcomes[i] is not null) counters.Refuse(1);
            else
            {
                var shard = ShardRouter.ShardOf(intake.Entry!.RecordId, ledger.Value.ShardCount);
                if (!byShard.TryGetValue(shard, out var list)) byShard[shard] = list = [];
                list.Add(i);
            }
        }
        var trusted = witnessing.Value.TrustedAttesters;
        await Task.WhenAll(byShard.Select(async pair =>
        {
            var results = await grains.GetGrain<ILogShardGrain>(pair.Key).Append(pair.Value.Select(i => intakes[i].Entry!).ToArray());
            counters.Acknowledge(results.Length);
            // One reason serves the whole shard's part of the batch: every record past the witnessed size waits on the same checkpoint.
            var pendingReason = results.FirstOrDefault(r => r.Position.Index >= r.WitnessedSize) is { } first
                ? await TierReasons.ForAsync(grains, witnessing.Value, first.Position, first.WitnessedSize) : null;
            for (var k = 0; k < results.Length; k++)
            {
                await KeepCosignatureAsync(grains, trusted, results[k], intakes[pair.Value[k]].Entry!);
                outcomes[pair.Value[k]] = SubmissionResponse.From(results[k], results[k].Position.Index < results[k].WitnessedSize ? null : pendingReason);
            }
        }));

        // Stream the NDJSON out line by line (the same bytes as serializing each outcome to a string): a batch's answer
        // is megabytes, and one string of it would be a large-object-heap allocation per request.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-ndjson";
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var output = response.BodyWriter;
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        for (var i = 0; i < outcomes.Length; i++)
        {
            JsonSerializer.Serialize(json, outcomes[i], outcomes[i].GetType(), options);
            json.Flush();
            json.Reset();
            output.Write("\n"u8);
            if (i % 256 == 255) await output.FlushAsync(cancel);
        }
        await output.FlushAsync(cancel);
        return Results.Empty;
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains, IOptions<WitnessingOptions> witnessing)
    {
        if (!Hex.IsLowerHex(id, 32)) return BadId(id);
        var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
        if (view is null) return NotFound(id);
        var reason = view.Tier == "signed"
            ? await TierReasons.ForAsync(grains, witnessing.Value, view.Position, (await grains.GetGrain<ILogShardGrain>(view.Position.Shard).GetInfo()).WitnessedSize)
            : null;
        using var record = JsonDocument.Parse(view.RecordJson);
        return Results.Json(new
        {
            record_id = id,
            shard = view.Position.Shard,
            index = view.Position.Index,
            tier = view.Tier,
            tier_reason = reason,
            record = record.RootElement.Clone(),
            attestations = view.Attestations,
            reproduction = view.Reproduction,
        });
    }

    private static async Task<IResult> GetProofAsync(string id, IGrainFactory grains, IOptions<LedgerOptions> ledger)
    {
        if (!Hex.IsLowerHex(id, 32)) return BadId(id);
        var proof = await grains.GetGrain<ILogShardGrain>(ShardRouter.ShardOf(id, ledger.Value.ShardCount)).GetRecordProof(id);
        if (proof is null) return NotFound(id);
        var file = new TlogProof((ulong)proof.Position.Index, proof.Hashes, SignedNote.Parse(proof.Checkpoint));
        return Results.Text(file.Format(), "text/plain; charset=utf-8");
    }

    /// <summary>
    /// A signed attestation note (FORMATS.md section 4) from a witness the policy names: it must name this record, its real
    /// origin and index. One is kept per (key, statement).
    /// </summary>
    private static async Task<IResult> AttestAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<LedgerOptions> ledger,
        IOptions<WitnessingOptions> witnessing, CancellationToken cancel)
    {
        if (!Hex.IsLowerHex(id, 32)) return BadId(id);
        var trusted = witnessing.Value.TrustedAttesters;
        if (trusted.IsEmpty) return new ApiError("no_trusted_attesters", TrustedAttesters.NoneReason).ToResult(StatusCodes.Status403Forbidden);
        SignedNote note;
        RecordAttestation attestation;
        using (var body = await BodyReader.ReadAsync(request, SignedNote.MaxNoteBytes, cancel))
        {
            if (body is null) return BodyReader.TooLarge(SignedNote.MaxNoteBytes);
            try
            {
                note = SignedNote.Parse(body.Span);
                attestation = RecordAttestation.Parse(note.Text);
            }
            catch (FormatException e)
            {
                return new ApiError("bad_attestation", e.Message).ToResult(StatusCodes.Status400BadRequest);
            }
        }
        if (attestation.RecordId != id)
            return new ApiError("wrong_record", $"the attestation names record {attestation.RecordId}, not {id}").ToResult(StatusCodes.Status422UnprocessableEntity);
        var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
        if (view is null) return NotFound(id);
        var origin = ShardOrigin.For(ledger.Value.OriginPrefix, view.Position.Shard);
        if (attestation.Origin != origin || attestation.Index != (ulong)view.Position.Index)
            return new ApiError("wrong_position", $"the attestation places the record at {attestation.Origin} {attestation.Index}; it is at {origin} {view.Position.Index}")
                .ToResult(StatusCodes.Status422UnprocessableEntity);
        var verification = note.Verify(trusted.NoteKeys);
        if (!verification.IsValid)
            return new ApiError("unknown_attester", $"the attestation is not signed by a witness of the policy or a trusted attestor: {verification.Error}").ToResult(StatusCodes.Status403Forbidden);
        var record = grains.GetGrain<IRunRecordGrain>(id);
        var added = new List<string>();
        foreach (var signer in verification.Verified)
            if (await record.AddAttestation(new Attestation(Convert.ToHexStringLower(signer.Key.PublicKey), attestation.Statement, note.Format(), DateTimeOffset.UtcNow.ToString("O"))))
                added.Add(signer.Key.Name);
        return Results.Json(new
        {
            record_id = id,
            statement = attestation.Statement,
            attesters = verification.Verified.Select(v => v.Key.Name).ToArray(),
            added = added.Count > 0,
        });
    }

    // The same body signed by a second key is one leaf; the extra signature is kept as an attestation when the key is
    // trusted (a policy witness or an attestor). Anyone can make keys, so a stranger's is dropped: the submission still
    // answers as the duplicate it is.
    private static async Task KeepCosignatureAsync(IGrainFactory grains, TrustedAttesters trusted, AppendResult result, LogAppend entry)
    {
        if (!result.Duplicate || trusted.IsEmpty) return;
        var view = await grains.GetGrain<IRunRecordGrain>(entry.RecordId).Get();
        if (view is null || view.RecordJson.AsSpan().SequenceEqual(entry.RecordJson)) return;
        var submitted = Core.Records.RunRecord.Parse(entry.RecordJson);
        var stored = Core.Records.RunRecord.Parse(view.RecordJson);
        if (submitted.Signature.PublicKey == stored.Signature.PublicKey || !trusted.Trusts(submitted.Signature.PublicKey)) return;
        await grains.GetGrain<IRunRecordGrain>(entry.RecordId).AddAttestation(new Attestation(
            submitted.Signature.PublicKey, "signed", submitted.Signature.Signature, DateTimeOffset.UtcNow.ToString("O")));
    }

    internal static IResult BadId(string id) =>
        new ApiError("bad_record_id", $"'{(id.Length > 80 ? id[..80] + "…" : id)}' is not a record id (64 lowercase hex characters)").ToResult(StatusCodes.Status400BadRequest);

    private static IResult NotFound(string id) => new ApiError("not_found", $"no record {id} in the log").ToResult(StatusCodes.Status404NotFound);
}
