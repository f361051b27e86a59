using System.Buffers;
using System.Net;

namespace LedgerCluster.Client.Gateway;

/// <summary>
/// An NDJSON request body streamed from record files, one line per file: each file's newlines are dropped as it is copied
/// (JSON allows it between tokens, and string contents never hold a raw newline) and a leading byte order mark is skipped,
/// so no file is ever held whole in memory.
/// </summary>
public sealed class NdjsonFilesContent(IReadOnlyList<string> paths) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var path in paths)
            {
                await using var file = RecordFiles.OpenSkippingBom(path);
                int read;
                while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var kept = 0;
                    for (var i = 0; i < read; i++)
                        if (buffer[i] is not ((byte)'\n' or (byte)'\r')) buffer[kept++] = buffer[i];
                    await stream.WriteAsync(buffer.AsMemory(0, kept), cancellationToken);
                }
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
