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
        app.MapPost("/v1/records", SubmitAsync).Takes(ContractMetadata.Json, "A signed run record (FORMATS.md section 1)")
            .Produces<SubmissionResponse>(StatusCodes.Status200OK, ContractMetadata.Json).Produces<SubmissionAccepted>(StatusCodes.Status202Accepted, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        app.MapPost("/v1/records:batch", SubmitBatchAsync).Takes(ContractMetadata.Ndjson, "Signed run records, one per line").AnswersLines<SubmissionResponse, BatchLineRefusal>()
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        app.MapGet("/v1/records/{id}", GetAsync).Produces<RecordResponse>(StatusCodes.Status200OK, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapGet("/v1/records/{id}/proof", GetProofAsync).AnswersText(ContractMetadata.Text).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapPost("/v1/records/{id}/attestations", AttestAsync).Takes(ContractMetadata.Text, "A signed attestation note (FORMATS.md section 4)")
            .Produces<AttestationReceipt>(StatusCodes.Status200OK, ContractMetadata.Json)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> gateway,
        IOptions<LedgerOptions> ledger, IOptions<WitnessingOptions> witnessing, SubmissionRateLimiter limiter, GatewayCounters counters, bool? wait, CancellationToken cancel)
    {
        // The array read is the one the log keeps: no copy of the record between the socket and the store.
        var body = await BodyReader.ReadOwnedAsync(request, gateway.Value.MaxRecordBytes, cancel);
        if (body is null) return Refused(BodyReader.TooLarge(gateway.Value.MaxRecordBytes));
        var intake = RecordIntake.Check(body);
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
            return Results.Json(new SubmissionAccepted(entry.RecordId, shardNumber), LedgerApiJson.Wire.SubmissionAccepted, statusCode: StatusCodes.Status202Accepted);
        }
        var result = (await shard.Append([entry]))[0];
        counters.Acknowledge(1);
        await KeepCosignatureAsync(grains, witnessing.Value.TrustedAttesters, result, entry);
        return Results.Json(SubmissionResponse.From(result, await TierReasons.ForAsync(grains, witnessing.Value, result.Position, result.WitnessedSize),
            entry.Summary.Contradiction), LedgerApiJson.Wire.SubmissionResponse);

        IResult Refused(IResult refusal)
        {
            counters.Refuse(1);
            return refusal;
        }
    }

    private static Task<IResult> SubmitBatchAsync(HttpContext http, IGrainFactory grains, IOptions<GatewayOptions> gateway, IOptions<LedgerOptions> ledger,
        IOptions<WitnessingOptions> witnessing, SubmissionRateLimiter limiter, GatewayCounters counters, CancellationToken cancel) =>
        BatchSubmission.SubmitAsync(http, grains, gateway.Value, ledger.Value, witnessing.Value, limiter, counters, cancel);

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains, IOptions<WitnessingOptions> witnessing)
    {
        if (!Hex.IsLowerHex(id, 32)) return BadId(id);
        var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
        if (view is null) return NotFound(id);
        var reason = view.Tier == "signed"
            ? await TierReasons.ForAsync(grains, witnessing.Value, view.Position, (await grains.GetGrain<ILogShardGrain>(view.Position.Shard).GetInfo()).WitnessedSize)
            : null;
        // A record logged with a byte order mark (before intake refused them) is served without it, not as a 500.
        var stored = view.RecordJson.AsMemory();
        if (stored.Span.StartsWith("\uFEFF"u8)) stored = stored[3..];
        return new RawRecordResult(stored, record => new RecordResponse(id, view.Position.Shard, view.Position.Index, view.Tier, reason, record,
            view.Attestations.Select(a => new AttestationView(a.PublicKey, a.Statement, a.Evidence, a.ReceivedAt)).ToArray(),
            view.Reproduction is { } r ? new ReproductionView(r.Reproduced, r.Detail, r.CheckedAt) : null));
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
        return Results.Json(new AttestationReceipt(id, attestation.Statement, verification.Verified.Select(v => v.Key.Name).ToArray(), added.Count > 0),
            LedgerApiJson.Wire.AttestationReceipt);
    }

    // The same body signed by a second key is one leaf; the extra signature is kept as an attestation when the key is
    // trusted (a policy witness or an attestor). Anyone can make keys, so a stranger's is dropped: the submission still
    // answers as the duplicate it is.
    internal static async Task KeepCosignatureAsync(IGrainFactory grains, TrustedAttesters trusted, AppendResult result, LogAppend entry)
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

    internal static IResult BadId(string id) => BadIdError(id).ToResult(StatusCodes.Status400BadRequest);

    internal static ApiError BadIdError(string id) =>
        new("bad_record_id", $"'{(id.Length > 80 ? id[..80] + "…" : id)}' is not a record id (64 lowercase hex characters)");

    private static IResult NotFound(string id) => new ApiError("not_found", $"no record {id} in the log").ToResult(StatusCodes.Status404NotFound);
}
