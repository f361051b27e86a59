using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Crypto;

/// <summary>
/// Key files exactly as the Python verievals writes them: `&lt;out&gt;.key` holds the hex seed (mode 0600),
/// `&lt;out&gt;.pub` the hex public key, each followed by a newline.
/// </summary>
public static class KeyFiles
{
    public static (string PrivatePath, string PublicPath) Paths(string outPrefix) =>
        (Path.ChangeExtension(outPrefix, ".key"), Path.ChangeExtension(outPrefix, ".pub"));

    public static (string PrivatePath, string PublicPath) Save(Ed25519KeyPair key, string outPrefix, bool overwrite = false)
    {
        var (privatePath, publicPath) = Paths(outPrefix);
        if (!overwrite && (File.Exists(privatePath) || File.Exists(publicPath)))
            throw new IOException($"{privatePath} or {publicPath} already exists; refusing to overwrite a key");
        var dir = Path.GetDirectoryName(Path.GetFullPath(privatePath));
        if (dir is not null) Directory.CreateDirectory(dir);
        WriteSecret(privatePath, Hex.Encode(key.ExportSeed()) + "\n");
        File.WriteAllText(publicPath, key.PublicKeyHex + "\n");
        return (privatePath, publicPath);
    }

    /// <summary>Creates the file 0600 from the start, so the secret is never readable by others even briefly.</summary>
    public static void WriteSecret(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        // An existing file keeps its old mode on truncate, so set it explicitly too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// Loads a signing key from a `.key` file. A `.pub` file is refused: its 64 hex characters would load as a seed, and
    /// anyone holding the public file could then sign as that "key". When the matching `.pub` sits beside the `.key`,
    /// the pair must agree, so a swapped or stale file is caught before anything is signed.
    /// </summary>
    public static Ed25519KeyPair LoadPrivate(string path)
    {
        if (string.Equals(Path.GetExtension(path), ".pub", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{path} is a public key file (.pub); sign with the secret key file ({Path.ChangeExtension(path, ".key")})");
        var text = ReadOrThrow(path).Trim();
        if (!Hex.IsLowerHex(text.ToLowerInvariant(), Ed25519.SeedSize))
            throw new FormatException($"{path}: expected 64 hex characters (an Ed25519 seed)");
        var key = Ed25519KeyPair.FromSeedHex(text);
        var publicPath = Path.ChangeExtension(path, ".pub");
        if (File.Exists(publicPath))
        {
            var stated = File.ReadAllText(publicPath).Trim().ToLowerInvariant();
            var derived = key.PublicKeyHex;
            if (stated != derived)
            {
                key.Dispose();
                throw new FormatException(stated == text.ToLowerInvariant()
                    ? $"{path} holds the public key of {publicPath}, not a secret seed; sign with the secret key file"
                    : $"{path} and {publicPath} do not match: the key's public key is {Truncate(derived)}, the .pub file says {Truncate(stated)}");
            }
        }
        return key;
    }

    private static string Truncate(string text) => text.Length <= 16 ? text : text[..16] + "…";

    /// <summary>Reads a `.pub` file (64 hex characters).</summary>
    public static byte[] LoadPublic(string path)
    {
        var text = ReadOrThrow(path).Trim();
        return Hex.TryDecodeLower(text.ToLowerInvariant(), Ed25519.PublicKeySize)
            ?? throw new FormatException($"{path}: expected 64 hex characters (an Ed25519 public key)");
    }

    private static string ReadOrThrow(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"key file not found: {path}", path);
}
