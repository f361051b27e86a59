using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Log;
using LedgerCluster.Grains.Log;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Operability of a public log: each checkpoint's signing time is in the store, `/metrics` shows every shard's checkpoint
/// age, and readiness fails, naming the shard and the age, while a shard that cannot sign holds entries past the maximum.
/// </summary>
public sealed class CheckpointAgeTests
{
    [Fact]
    public async Task A_shard_that_cannot_sign_while_entries_wait_fails_readiness_past_its_maximum_age_and_recovers_once_it_signs()
    {
        using var dir = new TempDirectory();
        var signer = new StalledSigner();
        var started = DateTimeOffset.UtcNow;
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 2, configure: o =>
        {
            o.MaxCheckpointAge = TimeSpan.FromSeconds(1);
            o.ConfigureTestServices = services => services.AddSingleton<ICheckpointFault>(signer);
        });
        using var key = Ed25519KeyPair.Generate();
        using var http = new HttpClient();
        var first = TestRecords.Make(key, 1);
        Assert.Equal(200, (await node.Client.SubmitAsync(TestRecords.Bytes(first))).Status);

        // The checkpoint that covers it carries its signing time in the store.
        using (var store = new SqliteLogStore(Silo.LedgerStorage.SqlitePath(node.Options.DataDirectory)))
        {
            var signedAt = (await store.LoadShardAsync(ShardRouter.ShardOf(first.Id, 2))).Latest!.SignedAt;
            Assert.NotNull(signedAt);
            Assert.InRange(signedAt.Value, started, DateTimeOffset.UtcNow);
            // And a witness or monitor reads it with the checkpoint: GET /v1/shards/{n}/checkpoints.
            Assert.Equal(signedAt, (await node.Client.GetCheckpointsAsync(ShardRouter.ShardOf(first.Id, 2)))[^1].SignedAt);
        }
        Assert.Matches(new Regex("^ledger_checkpoint_age_seconds\\{shard=\"0\"\\} \\d+$", RegexOptions.Multiline), await http.GetStringAsync($"{node.Url}/metrics"));

        signer.Stall();
        var waiting = TestRecords.Make(key, 2);
        var shard = ShardRouter.ShardOf(waiting.Id, 2);
        Assert.Equal(202, (await node.Client.SubmitAsync(TestRecords.Bytes(waiting), wait: false)).Status);

        var (status, body, retryAfter) = await Eventually.Get(() => ReadyAsync(http, node.Url), r => r.Status == HttpStatusCode.ServiceUnavailable,
            "readiness failing for the shard that cannot sign");
        using (var refusal = JsonDocument.Parse(body))
        {
            Assert.Equal("checkpoint_stale", refusal.RootElement.GetProperty("error").GetString());
            var detail = refusal.RootElement.GetProperty("detail").GetString()!;
            Assert.Matches($"^shard {shard} has not signed a checkpoint for \\d+ s \\(maximum 1 s\\) while 1 entry waits to be signed$", detail);
            // Only the shard with waiting entries: the other one is idle, its checkpoint as old, and that is no failure.
            Assert.DoesNotContain($"shard {1 - shard} ", detail, StringComparison.Ordinal);
        }
        Assert.NotNull(retryAfter);
        var metrics = await http.GetStringAsync($"{node.Url}/metrics");
        Assert.Contains($"ledger_shard_waiting_entries{{shard=\"{shard}\"}} 1\n", metrics, StringComparison.Ordinal);
        var age = Regex.Match(metrics, $"^ledger_checkpoint_age_seconds\\{{shard=\"{shard}\"\\}} (\\d+)$", RegexOptions.Multiline);
        Assert.True(age.Success, metrics);
        Assert.True(long.Parse(age.Groups[1].Value, CultureInfo.InvariantCulture) >= 1, age.Value);

        signer.Release();
        await Eventually.Get(() => ReadyAsync(http, node.Url), r => r.Status == HttpStatusCode.OK, "readiness once the shard signed again");
        Assert.Equal(1, (await node.Client.GetShardsAsync()).Single(s => s.Shard == shard).Size - (ShardRouter.ShardOf(first.Id, 2) == shard ? 1 : 0));
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> ReadyAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync($"{url}/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
    }
}
