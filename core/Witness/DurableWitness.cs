using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// A stand-alone witness over a state directory: one decision at a time under a lock, the new state durable on disk
/// before the answer. An exclusive lock file keeps a second process off the same directory.
/// </summary>
public sealed class DurableWitness : IDisposable
{
    private const string LockName = "witness.lock";
    private readonly object _gate = new();
    private readonly string _statePath;
    private readonly FileStream _lock;
    private readonly NoteSigner _key;
    private readonly Dictionary<string, IReadOnlyList<NoteVerifierKey>> _logs;
    private readonly Dictionary<string, WitnessedLog> _state;
    private readonly Func<ulong> _clock;

    public DurableWitness(string stateDirectory, NoteSigner key, IEnumerable<NoteVerifierKey> logKeys, Func<ulong>? clock = null)
    {
        Directory.CreateDirectory(stateDirectory);
        try { _lock = new FileStream(Path.Combine(stateDirectory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { throw new IOException($"witness state {stateDirectory} is in use by another witness process"); }
        _statePath = Path.Combine(stateDirectory, WitnessStateFile.FileName);
        _key = key;
        _logs = logKeys.GroupBy(k => k.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<NoteVerifierKey>)g.ToList(), StringComparer.Ordinal);
        _clock = clock ?? (() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        try { _state = WitnessStateFile.Load(_statePath); }
        catch { _lock.Dispose(); throw; }
    }

    public NoteVerifierKey VerifierKey => _key.VerifierKey;

    /// <summary>Origins of the logs this witness trusts.</summary>
    public IReadOnlyCollection<string> Origins => _logs.Keys;

    public WitnessResponse AddCheckpoint(ReadOnlySpan<byte> body)
    {
        lock (_gate)
        {
            var decision = TlogWitness.Decide(body, o => _logs.GetValueOrDefault(o), o => _state.GetValueOrDefault(o), _key, _clock());
            if (decision.NewState is { } next && !next.Equals(_state.GetValueOrDefault(decision.Origin!)))
            {
                var updated = new Dictionary<string, WitnessedLog>(_state, StringComparer.Ordinal) { [decision.Origin!] = next };
                // Durable first: a cosignature must never be sent for a state a restart would forget.
                WitnessStateFile.Save(_statePath, updated);
                _state[decision.Origin!] = next;
            }
            return decision.Response;
        }
    }

    public WitnessedLog? Latest(string origin)
    {
        lock (_gate) return _state.GetValueOrDefault(origin);
    }

    public void Dispose()
    {
        _key.Dispose();
        _lock.Dispose();
    }
}
