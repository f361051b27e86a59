using System.Globalization;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;
using LedgerCluster.GrainInterfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LedgerCluster.Grains.Witness;

/// <summary>
/// One shard's witnessing. The shard reports each checkpoint it signs; rounds, at most one per cadence, send the newest
/// to every policy witness in parallel (hosted ones by grain call, external ones over HTTP) with the consistency proof
/// from that witness's last size, resync on 409, verify the cosignatures, and hand the shard the checkpoint with them
/// as soon as they meet the quorum (and again if later ones arrive). Fail closed: no quorum, nothing is published.
/// </summary>
[Reentrant]
[GrainType("ledger-witness-coordinator")]
public sealed class WitnessCoordinatorGrain(IOptions<WitnessingOptions> options, ILogger<WitnessCoordinatorGrain> log) : Grain, IWitnessCoordinatorGrain
{
    private readonly Dictionary<string, WitnessProgress> _progress = new(StringComparer.Ordinal);
    private SignedNote? _latest;
    private Checkpoint? _latestCheckpoint;
    private long _witnessedSize = -1;
    private string? _shortfall;
    private bool _running;
    private DateTime _lastRound = DateTime.MinValue;

    private int Shard => (int)this.GetPrimaryKeyLong();

    private WitnessPolicy? Policy => options.Value.Policy;

    public Task CheckpointSigned(string checkpoint)
    {
        if (Policy is null) return Task.CompletedTask;
        var note = SignedNote.Parse(checkpoint);
        var parsed = Checkpoint.FromNote(note);
        if (_latestCheckpoint is null || parsed.Size > _latestCheckpoint.Size) (_latest, _latestCheckpoint) = (note, parsed);
        if (!_running)
        {
            _running = true;
            _ = RunAsync();
        }
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        try
        {
            // Until the newest checkpoint is witnessed: a round per cadence at most, retrying while witnesses are short.
            while (_latestCheckpoint is { } target && (long)target.Size > _witnessedSize)
            {
                // Retrying while witnesses are down can outlast the idle-collection age; this work must not be collected with the activation.
                DelayDeactivation(options.Value.Cadence + TimeSpan.FromMinutes(1));
                var wait = _lastRound + options.Value.Cadence - DateTime.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                _lastRound = DateTime.UtcNow;
                try
                {
                    await RoundAsync(_latest!, _latestCheckpoint!);
                }
                catch (Exception e)
                {
                    // E.g. the shard could not take the cosigned checkpoint: the next round (a cadence later) tries again.
                    _shortfall = $"shard {Shard} checkpoint {_latestCheckpoint?.Size}: witnessing round failed: {e.Message}";
                    log.LogWarning(e, "Shard {Shard}: witnessing round failed; retrying", Shard);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private async Task RoundAsync(SignedNote note, Checkpoint checkpoint)
    {
        var policy = Policy!;
        var lines = new Dictionary<string, NoteSignature>(StringComparer.Ordinal);
        var pending = policy.Witnesses.Select(w => CollectAsync(w, note, checkpoint)).ToList();
        var published = 0;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (await done is { } hit) lines[hit.Name] = hit.Line;
            // Publish as soon as the quorum is met, and once more at the end if later cosignatures joined it.
            if (policy.Evaluate(lines.Keys) && lines.Count > published && (published == 0 || pending.Count == 0))
            {
                var cosigned = lines.Values.Aggregate(note, (n, line) => n.WithSignature(line));
                await GrainFactory.GetGrain<ILogShardGrain>(Shard).Witnessed(cosigned.Format());
                _witnessedSize = Math.Max(_witnessedSize, (long)checkpoint.Size);
                published = lines.Count;
            }
        }
        _shortfall = published > 0 ? null
            : $"shard {Shard} checkpoint {checkpoint.Size} has {lines.Count} of {Required(policy)} cosignatures required by quorum {policy.Quorum}";
    }

    private async Task<(string Name, NoteSignature Line)?> CollectAsync(PolicyWitness witness, SignedNote note, Checkpoint checkpoint)
    {
        var endpoint = witness.Url ?? $"hosted:{witness.Name}";
        var known = _progress.TryGetValue(witness.Name, out var progress) ? progress.CosignedSize : 0;
        try
        {
            // A 409 names the witness's real size; one resync per round (a second 409 means it moved meanwhile).
            for (var attempt = 0; attempt < 2; attempt++)
            {
                if (known > (long)checkpoint.Size)
                    return Fail($"is at size {known}, ahead of checkpoint {checkpoint.Size}", true);
                var proof = known == 0 || known == (long)checkpoint.Size
                    ? [] : await GrainFactory.GetGrain<ILogShardGrain>(Shard).GetConsistencyProof(known, (long)checkpoint.Size);
                var body = System.Text.Encoding.UTF8.GetBytes(new AddCheckpointRequest((ulong)known, proof, note).Format());
                var reply = witness.Url is { } url
                    ? await ExternalWitnessClient.AddCheckpointAsync(url, body, options.Value.WitnessTimeout)
                    : await GrainFactory.GetGrain<IWitnessGrain>(witness.Name).AddCheckpoint(body);
                if (reply.Status == 409 && long.TryParse(reply.Body.TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    known = size;
                    continue;
                }
                if (reply.Status != 200) return Fail($"refused checkpoint {checkpoint.Size}: {reply.Status} {reply.Body.TrimEnd('\n')}", true);
                foreach (var text in reply.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!TryLine(text, out var line)) continue;
                    if (CosignatureVerifier.Verify(note.WithSignature(line), [witness.Key]) is { AllValid: true, Cosignatures.Count: 1 })
                    {
                        _progress[witness.Name] = new WitnessProgress(witness.Name, endpoint, (long)checkpoint.Size, true, "ok");
                        return (witness.Name, line);
                    }
                }
                return Fail($"answered checkpoint {checkpoint.Size} without a cosignature that verifies under its policy key", true);
            }
            return Fail($"kept answering 409 (its size moves); last size {known}", true);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            return Fail($"unreachable: {(e.InnerException ?? e).Message}", false);
        }
        catch (Exception e)
        {
            // A hosted witness that cannot activate or persist (or a silo going away) is one witness down, not the whole round.
            log.LogWarning(e, "Shard {Shard}: witness {Witness} failed", Shard, witness.Name);
            return Fail($"failed: {e.Message}", true);
        }

        (string, NoteSignature)? Fail(string why, bool reached)
        {
            _progress[witness.Name] = new WitnessProgress(witness.Name, endpoint, known, false, $"witness {witness.Name} {why}");
            if (!reached) log.LogDebug("Shard {Shard}: witness {Witness} {Why}", Shard, witness.Name, why);
            return null;
        }
    }

    private static bool TryLine(string text, out NoteSignature line)
    {
        try { line = NoteSignature.ParseLine(text); return true; }
        catch (FormatException) { line = null!; return false; }
    }

    // How many cosignatures the quorum needs, for the shortfall message: a group's threshold, or one for a lone witness.
    private static string Required(WitnessPolicy policy) =>
        policy.Groups.FirstOrDefault(g => g.Name == policy.Quorum) is { } group ? group.Threshold.ToString(CultureInfo.InvariantCulture) : "1";

    public Task<WitnessingStatus> GetStatus()
    {
        var policy = Policy;
        var witnesses = policy?.Witnesses.Select(w => _progress.GetValueOrDefault(w.Name)
            ?? new WitnessProgress(w.Name, w.Url ?? $"hosted:{w.Name}", 0, false, $"witness {w.Name} has not been asked yet")).ToArray() ?? [];
        var latest = (long?)_latestCheckpoint?.Size ?? 0;
        string? reason = null;
        if (policy is not null && latest > _witnessedSize)
        {
            var problems = witnesses.Where(w => !w.Healthy).Select(w => w.Status);
            reason = string.Join("; ", new[] { _shortfall ?? $"shard {Shard} checkpoint {latest} is awaiting witness cosignatures (quorum {policy.Quorum})" }.Concat(problems));
        }
        return Task.FromResult(new WitnessingStatus(Shard, policy?.Quorum, latest, Math.Max(_witnessedSize, 0), witnesses, reason));
    }
}
