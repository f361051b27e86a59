using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Log;

/// <summary>The shard's Ed25519 log key: created on first start, kept in the store, named after the origin.</summary>
internal static class ShardSigner
{
    public static async Task<NoteSigner> LoadAsync(ILogStore store, string origin)
    {
        var seed = await store.GetOrCreateSecretAsync(SecretName(origin), () =>
        {
            using var fresh = Ed25519KeyPair.Generate();
            return fresh.ExportSeed();
        });
        return new NoteSigner(origin, Ed25519KeyPair.FromSeed(seed));
    }

    /// <summary>The store secret holding the seed of the log key for <paramref name="origin"/>.</summary>
    public static string SecretName(string origin) => $"log-key:{origin}";
}
