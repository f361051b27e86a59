using System.Text;
using System.Text.Json;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// `GET /v1/records/{id}`'s answer with the record written as the stored bytes themselves: byte for byte what was signed
/// and logged, and never parsed, cloned or re-encoded on the way out (a record may be tens of MB). The rest of the answer
/// is the contract's own serialization of <see cref="RecordResponse"/>, made with a unique placeholder in the record's
/// place that is then replaced by the bytes.
/// </summary>
public sealed class RawRecordResult(ReadOnlyMemory<byte> record, Func<JsonElement, RecordResponse> answer) : IResult
{
    private const int WriteSlice = 64 * 1024;

    public async Task ExecuteAsync(HttpContext http)
    {
        // A fresh random marker cannot occur in the rest of the answer (ids, tiers, attestations).
        var marker = $"ledger-record-{Guid.NewGuid():N}";
        using var placeholder = JsonDocument.Parse($"\"{marker}\"");
        var envelope = JsonSerializer.SerializeToUtf8Bytes(answer(placeholder.RootElement), LedgerApiJson.Wire.RecordResponse);
        var at = envelope.AsSpan().IndexOf(Encoding.ASCII.GetBytes($"\"{marker}\""));
        if (at < 0) throw new InvalidOperationException("the record's placeholder is missing from the serialized answer");
        var tail = at + marker.Length + 2;

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = envelope.Length - (tail - at) + record.Length;
        var body = http.Response.Body;
        await body.WriteAsync(envelope.AsMemory(0, at), http.RequestAborted);
        // In slices, each flushed before the next: one write of the whole record would be copied whole into the
        // server's output buffers before the first byte left; slices let the client's pace bound what is buffered.
        for (var written = 0; written < record.Length; written += WriteSlice)
            await body.WriteAsync(record.Slice(written, Math.Min(WriteSlice, record.Length - written)), http.RequestAborted);
        await body.WriteAsync(envelope.AsMemory(tail), http.RequestAborted);
    }
}
