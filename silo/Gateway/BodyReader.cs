namespace LedgerCluster.Silo.Gateway;

/// <summary>Reads a request body up to a limit; a larger body is refused (413) without reading it all.</summary>
public static class BodyReader
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static IResult TooLarge(long limit) =>
        new ApiError("too_large", $"request body exceeds {limit} bytes").ToResult(StatusCodes.Status413PayloadTooLarge);
}
