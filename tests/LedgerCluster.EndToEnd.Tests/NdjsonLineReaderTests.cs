using System.IO.Pipelines;
using System.Text;
using LedgerCluster.Silo.Gateway;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The batch route's line reader: lines come out whole whatever the read sizes, and a line over the limit is reported by its length only.</summary>
public sealed class NdjsonLineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Lines_come_out_whole_and_long_lines_are_skipped_whatever_the_read_size(int readSize)
    {
        var body = "first\n" + new string('x', 250) + "\n \r\n\nsecond\r\n" + new string('y', 101) + "\nthird\n" + new string('z', 150);
        var reader = new NdjsonLineReader(PipeReader.Create(new NoLengthStream(Encoding.ASCII.GetBytes(body), readSize), new StreamPipeReaderOptions(bufferSize: Math.Max(readSize, 1))), 100);
        var lines = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None) is { } line)
            lines.Add(line.TooLong ? $"too long: {line.Length}" : Encoding.ASCII.GetString(line.Bytes!));
        Assert.Equal(["first", "too long: 250", "second\r", "too long: 101", "third", "too long: 150"], lines);
    }
}

