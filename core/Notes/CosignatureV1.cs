using System.Buffers.Binary;
using System.Globalization;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// The c2sp.org/tlog-cosignature Ed25519 message and signature layout: the signature bytes are
/// u64 big-endian timestamp || Ed25519 over <c>cosignature/v1\ntime &lt;t&gt;\n&lt;checkpoint text&gt;</c>.
/// </summary>
public static class CosignatureV1
{
    public const string Header = "cosignature/v1";

    /// <summary>Timestamp (8) plus Ed25519 signature (64); the key id is carried separately.</summary>
    public const int SignatureSize = 8 + Crypto.Ed25519.SignatureSize;

    /// <summary>The spec caps timestamps at 2^63 - 1.</summary>
    public const ulong MaxTimestamp = long.MaxValue;

    /// <summary>The exact bytes a witness signs for <paramref name="checkpointText"/> at <paramref name="timestamp"/>.</summary>
    public static byte[] SignedMessage(ReadOnlySpan<byte> checkpointText, ulong timestamp)
    {
        var prefix = System.Text.Encoding.ASCII.GetBytes($"{Header}\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n");
        var message = new byte[prefix.Length + checkpointText.Length];
        prefix.CopyTo(message, 0);
        checkpointText.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }

    public static byte[] SignedMessage(string checkpointText, ulong timestamp) =>
        SignedMessage(NoteEncoding.ToUtf8(checkpointText, "checkpoint text"), timestamp);

    /// <summary>Lays out timestamp || signature, the part of a cosignature line after the key id.</summary>
    internal static byte[] Encode(ulong timestamp, ReadOnlySpan<byte> ed25519Signature)
    {
        var bytes = new byte[SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, timestamp);
        ed25519Signature.CopyTo(bytes.AsSpan(8));
        return bytes;
    }
}
