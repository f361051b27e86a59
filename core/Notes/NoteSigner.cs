using System.Security.Cryptography;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// Signs notes under a key name with an Ed25519 key, either plainly (type 0x01) or as a cosignature/v1 witness
/// (type 0x04). Owns and disposes its key pair.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    /// <summary>Prefix of the Go (golang.org/x/mod/sumdb/note) private key text.</summary>
    public const string PrivateKeyPrefix = "PRIVATE+KEY+";

    private readonly Ed25519KeyPair _key;

    public NoteSigner(string name, Ed25519KeyPair key, NoteKeyType type = NoteKeyType.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        VerifierKey = NoteVerifierKey.Create(name, type, key.PublicKey);
    }

    /// <summary>The public half, to hand to verifiers.</summary>
    public NoteVerifierKey VerifierKey { get; }

    public string Name => VerifierKey.Name;

    public NoteKeyType Type => VerifierKey.Type;

    public uint KeyId => VerifierKey.KeyId;

    /// <summary>Signs <paramref name="text"/> (a note text ending in newline) with a plain Ed25519 key.</summary>
    public NoteSignature Sign(string text)
    {
        if (Type != NoteKeyType.Ed25519)
            throw new InvalidOperationException($"key {Name} is a {Type} key; use Cosign with a timestamp");
        var bytes = SignedNote.ValidateText(text);
        return new NoteSignature(Name, KeyId, _key.Sign(bytes));
    }

    /// <summary>Cosigns <paramref name="checkpointText"/> at <paramref name="timestamp"/> (POSIX seconds) as a cosignature/v1 witness.</summary>
    public NoteSignature Cosign(string checkpointText, ulong timestamp)
    {
        if (Type != NoteKeyType.CosignatureV1)
            throw new InvalidOperationException($"key {Name} is a {Type} key; only cosignature/v1 keys cosign");
        if (timestamp > CosignatureV1.MaxTimestamp)
            throw new ArgumentOutOfRangeException(nameof(timestamp), "cosignature timestamps must not exceed 2^63 - 1");
        var bytes = SignedNote.ValidateText(checkpointText);
        var signature = _key.Sign(CosignatureV1.SignedMessage(bytes, timestamp));
        return new NoteSignature(Name, KeyId, CosignatureV1.Encode(timestamp, signature));
    }

    /// <summary>
    /// The same key and name as a signer of another type: a witness's cosignature/v1 key also signs plain Ed25519 notes
    /// (record attestations), under its own key id for that type.
    /// </summary>
    public NoteSigner WithType(NoteKeyType type)
    {
        var seed = _key.ExportSeed();
        try { return new NoteSigner(Name, Ed25519KeyPair.FromSeed(seed), type); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>Parses <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex id&gt;+&lt;base64(type || seed)&gt;</c> and checks the id against the derived public key.</summary>
    public static NoteSigner ParsePrivateKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > NoteVerifierKey.MaxTextLength)
            throw new FormatException($"private key is {text.Length} characters, over the limit of {NoteVerifierKey.MaxTextLength}");
        if (!text.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
            throw new FormatException($"private key must start with '{PrivateKeyPrefix}'");
        var rest = text[PrivateKeyPrefix.Length..];
        // As in a vkey, only the first two '+' are separators; base64 may contain more.
        var first = rest.IndexOf('+');
        var second = first < 0 ? -1 : rest.IndexOf('+', first + 1);
        if (second < 0) throw new FormatException("private key must have the form PRIVATE+KEY+<name>+<hex key id>+<base64 key>");
        var name = rest[..first];
        var idText = rest[(first + 1)..second];
        if (!NoteEncoding.IsValidKeyName(name)) throw new FormatException($"private key name '{name}' is invalid (empty, or has spaces, '+' or control characters)");
        if (!NoteEncoding.TryParseKeyId(idText, out var keyId)) throw new FormatException($"private key id '{idText}' must be 8 lowercase hex digits");
        if (!NoteEncoding.TryDecodeBase64(rest[(second + 1)..], out var raw)) throw new FormatException("private key material is not canonical base64");
        try
        {
            if (raw.Length != 1 + Ed25519.SeedSize) throw new FormatException($"private key holds {raw.Length} bytes, want a type byte and a {Ed25519.SeedSize}-byte seed");
            var type = (NoteKeyType)raw[0];
            if (!Enum.IsDefined(type)) throw new FormatException($"private key type 0x{raw[0]:x2} is not supported (want 0x01 or 0x04)");
            var signer = new NoteSigner(name, Ed25519KeyPair.FromSeed(raw.AsSpan(1)), type);
            if (signer.KeyId != keyId)
            {
                signer.Dispose();
                throw new FormatException($"private key id {idText} does not match the key (expected {NoteEncoding.FormatKeyId(signer.KeyId)})");
            }
            return signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>The Go private key text. Secret.</summary>
    public string FormatPrivateKey()
    {
        var seed = _key.ExportSeed();
        var raw = new byte[1 + seed.Length];
        try
        {
            raw[0] = (byte)Type;
            seed.CopyTo(raw, 1);
            return $"{PrivateKeyPrefix}{Name}+{NoteEncoding.FormatKeyId(KeyId)}+{Convert.ToBase64String(raw)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => VerifierKey.ToString();

    public void Dispose() => _key.Dispose();
}
