using System.Buffers;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Reads a request body up to a limit; a larger body is refused (413) without reading it all.</summary>
public static class BodyReader
{
    private const int FirstChunk = 64 * 1024;

    /// <summary>The body in a pooled buffer (dispose it once the bytes are no longer needed), or null when over the limit.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit) return null;
        // Room for one byte past the limit, so an over-long body is detected without reading the rest of it.
        var cap = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength + 1 ?? FirstChunk, 1, cap));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= cap) { ArrayPool<byte>.Shared.Return(buffer); return null; }
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, cap - length)), cancel);
                if (read == 0) break;
                length += read;
                if (length > limit) { ArrayPool<byte>.Shared.Return(buffer); return null; }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        return new PooledBody(buffer, length);
    }

    /// <summary>
    /// The body in an array of its own, for a caller that keeps the bytes (a record on its way into the log), or null when
    /// over the limit. With a Content-Length the bytes are read straight into an array of that size: one copy of a record
    /// of tens of MB, where a pooled buffer copied out afterwards would be two.
    /// </summary>
    public static async Task<byte[]?> ReadOwnedAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength is not { } length)
        {
            using var pooled = await ReadAsync(request, limit, cancel);
            return pooled?.Span.ToArray();
        }
        if (length > limit) return null;
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        // Kestrel ends the body at Content-Length; a shorter one fails the read, as a broken upload should.
        await request.Body.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }

    public static IResult TooLarge(long limit) =>
        new ApiError("too_large", $"request body exceeds {limit} bytes").ToResult(StatusCodes.Status413PayloadTooLarge);
}
