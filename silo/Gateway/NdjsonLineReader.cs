using System.Buffers;
using System.IO.Pipelines;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// Reads an NDJSON body one line at a time, holding at most one line of up to <paramref name="maxLineBytes"/> in memory.
/// A longer line is skipped as it streams past (never buffered) and reported by its length, so the per-record limit
/// holds on the batch route exactly as on the single one.
/// </summary>
public sealed class NdjsonLineReader(PipeReader reader, long maxLineBytes)
{
    /// <summary>The next non-blank line, or null at the end of the body.</summary>
    public async ValueTask<NdjsonLine?> ReadAsync(CancellationToken cancel)
    {
        long scanned = 0, skipped = 0;
        var skipping = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancel);
            var buffer = result.Buffer;
            // Only the bytes not searched yet: a long line arrives in many small reads.
            var newline = buffer.Slice(scanned).PositionOf((byte)'\n');
            if (skipping)
            {
                if (newline is { } end)
                {
                    skipped += buffer.Slice(0, end).Length;
                    reader.AdvanceTo(buffer.GetPosition(1, end));
                    return new NdjsonLine(null, skipped);
                }
                skipped += buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted) return new NdjsonLine(null, skipped);
                continue;
            }
            if (newline is { } position)
            {
                var line = buffer.Slice(0, position);
                var next = buffer.GetPosition(1, position);
                var taken = Take(line);
                reader.AdvanceTo(next);
                scanned = 0;
                if (taken is { } found) return found;
                continue;
            }
            if (result.IsCompleted)
            {
                var taken = Take(buffer);
                reader.AdvanceTo(buffer.End);
                return taken;
            }
            if (buffer.Length > maxLineBytes)
            {
                (skipping, skipped, scanned) = (true, buffer.Length, 0);
                reader.AdvanceTo(buffer.End);
                continue;
            }
            scanned = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // A blank line is no record; a line over the limit is reported without copying it.
    private NdjsonLine? Take(ReadOnlySequence<byte> line)
    {
        if (line.Length > maxLineBytes) return new NdjsonLine(null, line.Length);
        if (IsBlank(line)) return null;
        return new NdjsonLine(line.ToArray(), line.Length);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
            if (!segment.Span.Trim(" \t\r"u8).IsEmpty) return false;
        return true;
    }
}
