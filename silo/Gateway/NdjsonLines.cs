namespace LedgerCluster.Silo.Gateway;

/// <summary>Splits NDJSON into non-blank lines (offsets into the buffer, no copies).</summary>
public static class NdjsonLines
{
    public static List<(int Start, int Length)> Split(ReadOnlySpan<byte> body)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start < body.Length)
        {
            var end = body[start..].IndexOf((byte)'\n');
            var length = end < 0 ? body.Length - start : end;
            var line = body.Slice(start, length);
            if (!line.Trim(" \t\r"u8).IsEmpty) lines.Add((start, length));
            start += length + 1;
        }
        return lines;
    }
}
