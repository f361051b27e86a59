using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_noisy_key_gets_429_while_another_key_is_served()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path, recordsPerSecondPerKey: 2);
        using var noisy = Ed25519KeyPair.Generate();
        using var quiet = Ed25519KeyPair.Generate();
        var results = await node.Client.SubmitBatchAsync(Enumerable.Range(0, 30).Select(i => TestRecords.Bytes(TestRecords.Make(noisy, i))));
        Assert.Contains(results, r => r.Status == 429 && r.Error == "rate_limited");
        // Permits are taken in one pass over the batch, before any commit: at most the bucket's two.
        Assert.InRange(results.Count(r => r.Status == 200), 1, 2);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(quiet, 500)))).Accepted);
        // Refused records were not logged.
        Assert.Equal(results.Count(r => r.Status == 200) + 1, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
    }
}
