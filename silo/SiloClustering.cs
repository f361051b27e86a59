using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace LedgerCluster.Silo;

/// <summary>The clustering switch: how a silo joins its cluster, and the address and ids it joins with.</summary>
public static class SiloClustering
{
    public static ISiloBuilder UseLedgerClustering(this ISiloBuilder silo, LedgerHostOptions options)
    {
        switch (options.Clustering)
        {
            case ClusteringKind.Localhost:
                // A membership of one kept in memory: a second silo would need this one as its primary, so the
                // embedded profile stays single-silo and multi-silo goes through Redis.
                if (options.Kubernetes) throw new ArgumentException("Kubernetes hosting needs a shared membership: use Redis clustering");
                return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            case ClusteringKind.Redis:
                if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
                    throw new ArgumentException("Redis clustering needs a connection string, e.g. 127.0.0.1:6379");
                // Parsed here so a malformed string fails at start with StackExchange.Redis' own message.
                var redis = ConfigurationOptions.Parse(options.RedisConnectionString);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Clustering, "unknown clustering kind");
        }
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        // A record crosses silos whole in one message (an append, a record read): over Orleans' body limit the
        // connection is closed, so the limit follows the record limit (Orleans' 100 MB default covers 64 MiB).
        silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = (int)Math.Max(o.MaxMessageBodySize, GrainMessageBytesFor(options.MaxRecordBytes)));
        if (!options.Kubernetes)
            return silo.ConfigureEndpoints(ParseAddress(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
        // Ports only: the hosting package advertises the pod IP and listens on every interface, and its
        // ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID (from the pod labels) override the ids set above.
        silo.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (options.SiloPort, options.GatewayPort));
        return silo.UseKubernetesHosting();
    }

    /// <summary>The largest grain message a record limit needs: a batch chunk's share for one shard (its byte bound plus one record), with room for summaries.</summary>
    public static long GrainMessageBytesFor(long maxRecordBytes) => Math.Min(int.MaxValue, maxRecordBytes + Gateway.BatchSubmission.ChunkBytes + 16 * 1024 * 1024);

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address
        : throw new ArgumentException($"advertised address '{text}' is not an IP address (a silo advertises an address, not a name)");
}
