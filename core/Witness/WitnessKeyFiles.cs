using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// A witness's key files: PREFIX.key holds the Go note private key text (<c>PRIVATE+KEY+name+id+base64</c>, mode 0600),
/// PREFIX.vkey its cosignature/v1 verifier key, the text a witness policy's `witness` line carries.
/// </summary>
public static class WitnessKeyFiles
{
    public static (string KeyPath, string VerifierKeyPath) Paths(string prefix) => (prefix + ".key", prefix + ".vkey");

    public static (string KeyPath, string VerifierKeyPath, NoteVerifierKey VerifierKey) Create(string name, string prefix, bool overwrite = false)
    {
        var (keyPath, vkeyPath) = Paths(prefix);
        if (!overwrite && (File.Exists(keyPath) || File.Exists(vkeyPath)))
            throw new IOException($"{keyPath} or {vkeyPath} already exists; refusing to overwrite a key");
        var dir = Path.GetDirectoryName(Path.GetFullPath(keyPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var signer = new NoteSigner(name, Ed25519KeyPair.Generate(), NoteKeyType.CosignatureV1);
        KeyFiles.WriteSecret(keyPath, signer.FormatPrivateKey() + "\n");
        File.WriteAllText(vkeyPath, signer.VerifierKey + "\n");
        return (keyPath, vkeyPath, signer.VerifierKey);
    }

    /// <summary>Loads a witness private key file; the key must be a cosignature/v1 key.</summary>
    public static NoteSigner Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"witness key file not found: {path}", path);
        var signer = NoteSigner.ParsePrivateKey(File.ReadAllText(path).Trim());
        if (signer.Type == NoteKeyType.CosignatureV1) return signer;
        signer.Dispose();
        throw new FormatException($"{path}: a witness key must be a cosignature/v1 (type 0x04) key");
    }
}
