using LedgerCluster.GrainInterfaces;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// What an exception escaping a request means to the caller. A failure of ours the caller can wait out is 503 with
/// `Retry-After`: `storage_unavailable` (the store refused a read or write: disk full, read-only, I/O error, Azure
/// unreachable) or `cluster_unavailable` (a silo died, a grain is moving, a call timed out, two activations met
/// during failover). Kestrel's refusal of the request itself keeps its 4xx; anything else is 500 `internal_error`.
/// The detail is one line without stack traces or paths.
/// </summary>
public sealed partial record GatewayFailure(int Status, string Error, string Detail, int? RetryAfterSeconds)
{
    public const string StorageUnavailable = "storage_unavailable";
    public const string ClusterUnavailable = "cluster_unavailable";
    public const string InternalError = "internal_error";
    public const string ShardInconsistent = "shard_inconsistent";

    // Failover settles in seconds (Orleans declares a silo dead and reactivates its grains elsewhere); storage
    // rarely recovers that fast, so clients are asked to wait longer before trying it again.
    private const int ClusterRetrySeconds = 2;
    private const int StorageRetrySeconds = 5;
    // A shard whose store disagrees with its checkpoints needs an operator (ledger fsck), not a moment's wait.
    private const int ShardInconsistentRetrySeconds = 60;
    private const int MaxDetailLength = 300;

    public ApiError Body => new(Error, Detail);

    public static GatewayFailure Of(Exception failure)
    {
        var cluster = (Exception?)null;
        // Outermost first: a write conflict between two activations wraps the SQLite constraint error that revealed it,
        // and is a failover symptom, not a storage outage; a storage provider's error wrapped by Orleans is storage.
        foreach (var e in Chain(failure))
        {
            // The request itself was bad (Kestrel's own refusal: a body over its limit, a broken chunk): its status stands.
            if (e is BadHttpRequestException bad)
                return new GatewayFailure(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too_large" : "bad_request", Describe(bad), null);
            // A shard refusing to serve names fsck's finding; the detail is that finding.
            if (e is ShardInconsistentException refused)
                return new GatewayFailure(StatusCodes.Status503ServiceUnavailable, ShardInconsistent, refused.Message, ShardInconsistentRetrySeconds);
            if (e is InconsistentStateException) return Cluster(e);
            if (IsStorage(e)) return Storage(e);
            if (cluster is null && IsCluster(e)) cluster = e;
        }
        return cluster is not null ? Cluster(cluster)
            : new GatewayFailure(StatusCodes.Status500InternalServerError, InternalError, $"unexpected {Describe(failure)}", null);
    }

    /// <summary>A failure known to come from the store (a probe write, say), described by its innermost storage error if any.</summary>
    public static GatewayFailure Storage(Exception e) => new(StatusCodes.Status503ServiceUnavailable, StorageUnavailable,
        $"the ledger's storage failed: {Describe(Chain(e).FirstOrDefault(IsStorage) ?? e)}", StorageRetrySeconds);

    private static GatewayFailure Cluster(Exception e) => new(StatusCodes.Status503ServiceUnavailable, ClusterUnavailable,
        $"the cluster could not serve this now (a silo may have failed and its work is moving): {Describe(e)}", ClusterRetrySeconds);

    private static bool IsStorage(Exception e) => e switch
    {
        SqliteException or RequestFailedException => true,
        // Exceptions of the request itself (a bad or aborted body) are IOExceptions too; they are not ours to retry.
        // So is a failed call to another HTTP server (an external witness): not the ledger's storage.
        BadHttpRequestException or ConnectionResetException or HttpIOException => false,
        IOException or UnauthorizedAccessException => true,
        // An exception whose type the receiving silo could not load arrives as a fallback naming the type.
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType is { } type
            && (type.Contains("SqliteException", StringComparison.Ordinal) || type.Contains("RequestFailedException", StringComparison.Ordinal)),
        _ => false,
    };

    private static bool IsCluster(Exception e) => e is OrleansException or TimeoutException;

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        var pending = new Stack<Exception>([failure]);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.Reverse()) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }

    /// <summary>The type and the first line of the message, absolute paths cut to their last segment.</summary>
    public static string Describe(Exception e)
    {
        var message = e.Message.Split('\n', 2)[0].Trim();
        message = AbsolutePath().Replace(message, m => Path.GetFileName(m.Value.TrimEnd('/', '\\')) is { Length: > 0 } name ? name : "…");
        var type = e is UnavailableExceptionFallbackException { ExceptionType: { } remote } ? remote.Split('.').Last() : e.GetType().Name;
        var text = message.Length == 0 ? type : $"{type}: {message}";
        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
    }

    // Unix paths of two or more segments, and Windows drive paths: data files, and source files of a stack trace (not
    // the path of a URL such as Orleans' troubleshooting link, which follows "://" or a host name).
    [GeneratedRegex(@"(?:[A-Za-z]:\\[^\s'""]+)|(?:(?<![\w.:/])/[^\s/'""]+(?:/[^\s/'""]+)+/?)")]
    private static partial Regex AbsolutePath();
}
