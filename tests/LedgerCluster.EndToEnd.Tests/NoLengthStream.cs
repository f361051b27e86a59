namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A readable stream that does not tell its length (so HttpClient sends it chunked), handing out reads of at most <paramref name="readSize"/> bytes, as a slow network does.</summary>
public sealed class NoLengthStream(byte[] bytes, int readSize = 7919) : Stream
{
    private readonly MemoryStream _inner = new(bytes);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, readSize));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
