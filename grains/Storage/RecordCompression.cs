using System.Buffers.Binary;
using System.IO.Compression;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// How a record's bytes are kept at rest: a format byte, then the payload. <see cref="Raw"/>: the bytes as signed.
/// <see cref="Brotli"/>: the signed bytes' length (uint32, little-endian) and their Brotli stream. Rows written before
/// records were compressed hold the bare JSON, whose first byte is '{' (never a format byte), so they read as they are.
/// Reading always gives back exactly the signed bytes.
/// </summary>
public static class RecordCompression
{
    public const byte Raw = 0x01;
    public const byte Brotli = 0x02;

    // Quality 5: most of Brotli's gain on JSON at a fraction of the top quality's time; the window only bounds the encoder's memory.
    private const int Quality = 5;
    private const int Window = 22;

    public static byte[] Encode(ReadOnlySpan<byte> record)
    {
        if (record.Length >= 64)
        {
            var bound = BrotliEncoder.GetMaxCompressedLength(record.Length);
            var buffer = new byte[5 + bound];
            if (BrotliEncoder.TryCompress(record, buffer.AsSpan(5), out var written, Quality, Window) && written + 5 < record.Length + 1)
            {
                buffer[0] = Brotli;
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(1), (uint)record.Length);
                return buffer.AsSpan(0, 5 + written).ToArray();
            }
        }
        var raw = new byte[record.Length + 1];
        raw[0] = Raw;
        record.CopyTo(raw.AsSpan(1));
        return raw;
    }

    public static byte[] Decode(byte[] stored)
    {
        if (stored.Length == 0) return stored;
        switch (stored[0])
        {
            case Raw:
                return stored.AsSpan(1).ToArray();
            case Brotli:
                var length = BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(1, 4));
                var record = new byte[length];
                if (!BrotliDecoder.TryDecompress(stored.AsSpan(5), record, out var written) || written != length)
                    throw new InvalidDataException($"a stored record does not decompress to its recorded {length} bytes");
                return record;
            default:
                // Written before records were compressed: the JSON itself.
                return stored;
        }
    }
}
