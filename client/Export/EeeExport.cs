using System.Text;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Export.Eee;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Export;

/// <summary>
/// `ledger export --format eee --out DIR`: each record at or above the tier as an Every Eval Ever v0.3.0 aggregate and
/// instance sidecar under `DIR/data/ledgercluster/&lt;developer&gt;/&lt;model&gt;/`. All documents are built before the
/// first file is written, so a bad record or a gateway failure leaves nothing behind.
/// </summary>
public static class EeeExport
{
    private const int EntriesPerPage = 1000;

    public static async Task<IReadOnlyList<(EeeExportFiles Files, EeeLogPosition Position)>> FromDirectoryAsync(
        string directory, string? logKey, string? policy, ExportOptions options, CancellationToken cancel)
    {
        var source = RecordsDirectorySource.Open(directory, logKey, policy);
        var exported = new List<(EeeExportFiles, EeeLogPosition)>();
        await foreach (var entry in source.ReadAsync(cancel))
        {
            if (entry.Tier < options.MinTier || !options.Selects(entry.Record.Body.Benchmark)) continue;
            var position = OfflinePosition(directory, entry);
            exported.Add((EeeExporter.Export(entry.Record, position), position));
        }
        return exported;
    }

    public static async Task<IReadOnlyList<(EeeExportFiles Files, EeeLogPosition Position)>> FromGatewayAsync(
        string url, ExportOptions options, CancellationToken cancel)
    {
        using var client = GatewayOption.Connect(url);
        var exported = new List<(EeeExportFiles, EeeLogPosition)>();
        foreach (var shard in await client.GetShardsAsync(cancel))
        {
            for (long from = 0; from < shard.Size; from += EntriesPerPage)
            {
                var entries = await client.GetEntriesAsync(shard.Shard, from, (int)Math.Min(EntriesPerPage, shard.Size - from), cancel);
                if (entries.Count == 0) break;
                foreach (var entry in entries)
                {
                    var answer = await client.GetRecordAsync(entry.RecordId, cancel)
                        ?? throw new CliException($"gateway {url} lists record {entry.RecordId} at shard {shard.Shard} index {entry.Index} but does not serve it");
                    var tierName = (answer["tier"] as JString)?.Value ?? "";
                    if (!TrustTiers.TryParse(tierName, out var tier)) throw new CliException($"gateway {url} gave record {entry.RecordId} the unknown tier '{tierName}'");
                    RunRecord record;
                    try { record = RunRecord.Read(answer["record"] ?? JNull.Instance); }
                    catch (RecordSchemaException e) { throw new CliException($"gateway {url} served record {entry.RecordId} that is not a run record: {e.Message}"); }
                    if (tier < options.MinTier || !options.Selects(record.Body.Benchmark)) continue;
                    var position = new EeeLogPosition(TrustTiers.Name(tier), shard.Shard, entry.Index, shard.Origin, EeeLogPosition.ProofUrlOf(url, record.Id));
                    exported.Add((EeeExporter.Export(record, position), position));
                }
            }
        }
        return exported;
    }

    /// <summary>Writes each aggregate and sidecar (sidecar first, so an aggregate never points at a missing file).</summary>
    public static async Task WriteAsync(string outDirectory, IReadOnlyList<(EeeExportFiles Files, EeeLogPosition Position)> exported, CancellationToken cancel)
    {
        foreach (var (files, _) in exported)
        {
            var folder = Path.Combine(outDirectory, files.Folder.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(folder);
            await WriteAtomicallyAsync(Path.Combine(folder, $"{files.Uuid}_samples.jsonl"), files.Sidecar, cancel);
            await WriteAtomicallyAsync(Path.Combine(folder, $"{files.Uuid}.json"), Encoding.UTF8.GetBytes(files.AggregateText()), cancel);
        }
    }

    // Offline: the tier and position the directory source verified; without a verified proof, the position the
    // `.tlog-proof` beside the record states (named as unverified by the tier, which stays `signed`).
    private static EeeLogPosition OfflinePosition(string directory, ExportRecord entry)
    {
        var proofPath = Path.Combine(directory, entry.Record.Id + ".tlog-proof");
        var proofFile = File.Exists(proofPath) ? Path.GetFileName(proofPath) : null;
        string? origin = null;
        var (shard, index) = (entry.Shard, entry.Index);
        if (proofFile is not null && TlogProof.TryParse(File.ReadAllText(proofPath), out var proof, out _))
        {
            origin = proof.CheckpointBody.Origin;
            shard ??= RecordsDirectorySource.ShardOf(origin);
            index ??= (long)proof.Index;
        }
        return new EeeLogPosition(TrustTiers.Name(entry.Tier), shard, index, origin, null, proofFile);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancel)
    {
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancel);
        File.Move(partial, path, overwrite: true);
    }
}
