using System.Globalization;
using System.Runtime.CompilerServices;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Client.Export;

/// <summary>
/// Records in a directory (`*.json`), each with the tier its own evidence supports: <see cref="RecordVerifier"/> checks it
/// with the `ID.tlog-proof` beside it (same file name, `.tlog-proof` instead of `.json`) and the given log key and witness
/// policy. Verified inclusion gives `verified` (and the record's shard and index); a proof that is absent or cannot be
/// checked gives `signed`; a body that does not match its hash or a bad signature gives `self_reported`.
/// The first pass verifies every record and keeps one small entry per file; the second yields them in log order.
/// </summary>
public sealed class RecordsDirectorySource
{
    private readonly List<RecordFile> _entries;

    private RecordsDirectorySource(List<RecordFile> entries, Dictionary<int, (ulong Size, string Note)> checkpoints)
    {
        _entries = entries;
        Checkpoints = checkpoints.ToDictionary(c => c.Key, c => c.Value.Note);
    }

    public int Count => _entries.Count;

    /// <summary>Per shard, the largest checkpoint a verified proof was checked under.</summary>
    public IReadOnlyDictionary<int, string> Checkpoints { get; }

    public static RecordsDirectorySource Open(string directory, string? logKey, string? policy)
    {
        if (!Directory.Exists(directory)) throw new CliException($"--records: directory not found: {directory}");
        var entries = new List<RecordFile>();
        var checkpoints = new Dictionary<int, (ulong Size, string Note)>();
        var files = Directory.EnumerateFiles(directory, "*.json").Where(f => Path.GetFileName(f) != ExportManifest.FileName).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var record = Read(file);
            var proofPath = Path.ChangeExtension(file, ".tlog-proof");
            var proofText = File.Exists(proofPath) ? File.ReadAllText(proofPath) : null;
            var report = RecordVerifier.Verify(record, new VerificationInputs { ProofText = proofText, LogVerifierKey = logKey, PolicyText = policy });
            int? shard = null;
            long? index = null;
            if (report.Tier >= TrustTier.Verified && TlogProof.TryParse(proofText, out var proof, out _) && ShardOf(proof.CheckpointBody.Origin) is { } s)
            {
                (shard, index) = (s, (long)proof.Index);
                var size = proof.CheckpointBody.Size;
                if (!checkpoints.TryGetValue(s, out var known) || size > known.Size) checkpoints[s] = (size, proof.Checkpoint.Format());
            }
            entries.Add(new RecordFile(file, record.Id, report.Tier, shard, index));
        }
        // Log order: logged records by shard and index, then records outside the log by id.
        entries.Sort((a, b) => (a.Shard ?? int.MaxValue).CompareTo(b.Shard ?? int.MaxValue) is var c and not 0 ? c
            : (a.Index ?? 0).CompareTo(b.Index ?? 0) is var d and not 0 ? d : string.CompareOrdinal(a.RecordId, b.RecordId));
        return new RecordsDirectorySource(entries, checkpoints);
    }

    public async IAsyncEnumerable<ExportRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancel = default)
    {
        foreach (var entry in _entries)
        {
            cancel.ThrowIfCancellationRequested();
            yield return new ExportRecord(Read(entry.Path), entry.Tier, entry.Shard, entry.Index);
        }
        await Task.CompletedTask;
    }

    private static RunRecord Read(string path)
    {
        try { return RunRecord.Parse(File.ReadAllBytes(path)); }
        catch (JsonParseException e) { throw new CliException($"{path}: not a run record: {e.Message}"); }
        catch (RecordSchemaException e) { throw new CliException($"{path}: not a run record: {e.Message}"); }
    }

    // Origins end in `/shard/N` (core/Log/ShardOrigin).
    internal static int? ShardOf(string origin)
    {
        var at = origin.LastIndexOf("/shard/", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(origin.AsSpan(at + 7), NumberStyles.None, CultureInfo.InvariantCulture, out var shard) ? shard : null;
    }
}
