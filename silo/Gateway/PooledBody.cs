using System.Buffers;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// A request body in a buffer rented from the shared pool, returned on dispose. Batch bodies are megabytes: a fresh
/// array per request would land on the large object heap and drive full garbage collections under load.
/// </summary>
public sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
    }
}
