using System.CommandLine;
using System.Data.Common;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Fsck;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Log;
using LedgerCluster.Grains.Fsck;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Silo;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger fsck`: recompute every shard's Merkle tree from its leaves and hold every signed checkpoint against it,
/// either offline from a data directory's store or through a running cluster's gateway.
/// </summary>
public static class FsckCommand
{
    public static Command Create(CliConsole console)
    {
        var gateway = GatewayOption.Create(required: false);
        var data = new Option<string?>("--data") { Description = "Check a data directory's store directly (no server needed; it may be running)" };
        var shards = new Option<int?>("--shards") { Description = "Shard count the store was served with (--data only; default: the count the store keeps)" };
        var json = CommonOptions.Json();
        var command = new Command("fsck",
            "Check a log end to end: every leaf's record id (64-hex, routed to its shard, once), every record's hash and\n" +
            "signature (--data), every checkpoint's signature, its root recomputed from the leaves, and its consistency\n" +
            "with the latest. Stops at the first inconsistency and names it. Exit 0 clean, 1 inconsistent, 2 usage.")
        {
            gateway, data, shards, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var (url, dir, count) = (parse.GetValue(gateway), parse.GetValue(data), parse.GetValue(shards));
            if ((url is null) == (dir is null)) throw new CliException("give exactly one of --gateway URL (a running cluster) or --data DIR (a store on disk)");
            if (url is not null && count is not null) throw new CliException("--shards is for --data; a gateway reports its own shards");
            if (count is < 1) throw new CliException($"--shards must be at least 1; got {count}");

            var report = url is not null ? await CheckGatewayAsync(console, url, cancel) : await CheckStoreAsync(console, dir!, count, cancel);
            if (parse.GetValue(json)) console.WriteJson(report.ToJson());
            else FsckText.Write(console.Out, report);
            return report.Clean ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    private static async Task<FsckReport> CheckGatewayAsync(CliConsole console, string url, CancellationToken cancel)
    {
        using var client = GatewayOption.Connect(url);
        try
        {
            return await GatewayOption.Call(url, () => WithProgress(console, p => LedgerChecker.CheckAsync(new GatewaySource(client), p, cancel)));
        }
        catch (GatewayException e)
        {
            throw new CliException($"gateway {url} refused a read: {e.Message}");
        }
    }

    private static Task<FsckReport> WithProgress(CliConsole console, Func<IProgress<FsckProgress>, Task<FsckReport>> check) =>
        ProgressReporter.RunAsync(console, "fsck", p => (p.Done, p.Total), p => $"fsck: {p.Done}/{p.Total} leaves checked", check);

    private static async Task<FsckReport> CheckStoreAsync(CliConsole console, string dir, int? shardCount, CancellationToken cancel)
    {
        var path = LedgerStorage.SqlitePath(dir);
        // Opening a store creates it when missing; an audit must not, so a missing file is a usage error.
        if (!File.Exists(path)) throw new CliException($"--data: no ledger store at {path} (give the directory `ledger serve --data` used)");
        using var store = new SqliteLogStore(path);
        try
        {
            // The store keeps its own shard count (an older store: one shard key per shard); --shards may only agree with it.
            var (kept, _) = await LogInvariantsGuard.ReadAsync(store, ShardOrigin.DefaultPrefix, cancel);
            if (kept is not null && shardCount is { } given && kept.Mismatch(kept with { ShardCount = given }, dir.TrimEnd('/', '\\') + "/") is { } mismatch)
                throw new CliException(mismatch);
            var count = kept?.ShardCount ?? shardCount ?? LedgerCluster.Grains.LedgerOptions.DefaultShardCount;
            var prefix = kept?.OriginPrefix ?? ShardOrigin.DefaultPrefix;
            var report = await WithProgress(console, p => LedgerChecker.CheckAsync(new LogStoreSource(store, $"store {path}", count, prefix), p, cancel));
            // Then the tile hashes kept beside the leaves, which proofs are computed from.
            return report.Clean && await TreeHashCheck.CheckAsync(store, count, cancel) is { } treeHash ? report with { Problem = treeHash } : report;
        }
        catch (DbException e)
        {
            throw new CliException($"--data: cannot read {path}: {e.Message}");
        }
    }
}
