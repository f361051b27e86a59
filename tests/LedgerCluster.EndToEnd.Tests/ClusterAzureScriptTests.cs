using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Tests.Shared;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`STORAGE=azure deploy/cluster.sh start` as documented: the connection comes from the env file `deploy/azurite.sh start` wrote.</summary>
public sealed class ClusterAzureScriptTests
{
    [RedisAzuriteFact]
    public async Task Cluster_sh_on_azure_takes_the_whole_azurite_connection_string_from_its_env_file()
    {
        // The env file's connection string holds ';': sourced unquoted, it was cut to "DefaultEndpointsProtocol=http" and no silo started.
        await using var cluster = await DeployedCluster.StartAsync(1, Azurite.UniqueName("e2eenv"), azureFromEnvFile: true);
        using var client = new LedgerGatewayClient(new HttpClient { BaseAddress = new Uri(cluster.Url(1) + "/"), Timeout = TimeSpan.FromSeconds(30) });
        using var key = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(key, 1);
        var submission = await client.SubmitAsync(TestRecords.Bytes(record));
        Assert.True(submission.Error is null, $"{submission.Error}: {submission.Detail}");
        Assert.Equal(1, (await client.GetShardsAsync()).Sum(s => s.Size));
    }
}
