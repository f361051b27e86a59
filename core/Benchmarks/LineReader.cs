using System.Text;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Splits a file into numbered lines the way Python text-mode iteration does (universal newlines: \n, \r\n and a lone
/// \r each end a line; U+2028 inside a line does not), decoding each line as strict UTF-8 so errors name the line.
/// </summary>
internal static class LineReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<(long Number, string Text)> Read(string path, byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
            throw new BenchmarkFormatException(path, 1, "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM");
        long number = 0;
        var start = 0;
        while (start < bytes.Length)
        {
            var end = start;
            while (end < bytes.Length && bytes[end] is not ((byte)'\n' or (byte)'\r')) end++;
            number++;
            yield return (number, Decode(path, number, bytes.AsSpan(start, end - start)));
            if (end < bytes.Length && bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n') end++;
            start = end + 1;
        }
    }

    private static string Decode(string path, long line, ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new BenchmarkFormatException(path, line, "not valid UTF-8"); }
    }
}
