using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Witness;

/// <summary>
/// A tlog-witness hosted in the cluster. Not reentrant, and the new state is written before the answer, so the check and
/// the update are atomic and durable. It trusts the cluster's shard keys; its own key comes from a key file or the store.
/// </summary>
[GrainType("ledger-witness")]
public sealed class WitnessGrain(
    [PersistentState("witness", StorageNames.Ledger)] IPersistentState<WitnessGrainState> state,
    ILogStore store,
    IOptions<LedgerOptions> ledger,
    IOptions<WitnessingOptions> witnessing) : Grain, IWitnessGrain
{
    private NoteSigner? _key;
    private Dictionary<string, IReadOnlyList<NoteVerifierKey>>? _logs;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Unconfigured names stay inert: every request gets 404, and no key is minted for them.
        if (!witnessing.Value.HostedWitnesses.TryGetValue(Name, out var keyFile)) return;
        if (keyFile is not null)
        {
            _key = WitnessKeyFiles.Load(keyFile);
            return;
        }
        var seed = await store.GetOrCreateSecretAsync(SecretName(Name), () =>
        {
            using var fresh = Ed25519KeyPair.Generate();
            return fresh.ExportSeed();
        }, cancellationToken);
        _key = new NoteSigner(Name, Ed25519KeyPair.FromSeed(seed), NoteKeyType.CosignatureV1);
    }

    public async Task<WitnessReply> AddCheckpoint(byte[] body)
    {
        if (_key is null) return Reply(WitnessResponse.Error(404, $"no witness named '{Name}' is hosted here"));
        var logs = _logs ??= await LoadLogKeysAsync();
        var decision = TlogWitness.Decide(body, o => logs.GetValueOrDefault(o), Latest, _key, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (decision.NewState is { } next && next != Latest(decision.Origin!))
        {
            var origin = decision.Origin!;
            var before = Latest(origin);
            state.State.Sizes[origin] = (long)next.Size;
            state.State.Roots[origin] = next.Root;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Never cosign (now or on a retry) a state that is not durable: put the old one back, reload on the next call.
                if (before is null) (_, _) = (state.State.Sizes.Remove(origin), state.State.Roots.Remove(origin));
                else (state.State.Sizes[origin], state.State.Roots[origin]) = ((long)before.Size, before.Root);
                DeactivateOnIdle();
                throw;
            }
        }
        return Reply(decision.Response);
    }

    public Task<string> GetVerifierKey() =>
        Task.FromResult(_key?.VerifierKey.ToString() ?? throw new InvalidOperationException($"no witness named '{Name}' is hosted here"));

    private WitnessedLog? Latest(string origin) =>
        state.State.Sizes.TryGetValue(origin, out var size) ? new WitnessedLog((ulong)size, state.State.Roots[origin]) : null;

    private async Task<Dictionary<string, IReadOnlyList<NoteVerifierKey>>> LoadLogKeysAsync()
    {
        var infos = await Task.WhenAll(Enumerable.Range(0, ledger.Value.ShardCount).Select(n => GrainFactory.GetGrain<ILogShardGrain>(n).GetInfo()));
        return infos.ToDictionary(i => i.Origin, i => (IReadOnlyList<NoteVerifierKey>)[NoteVerifierKey.Parse(i.VerifierKey)], StringComparer.Ordinal);
    }

    private static WitnessReply Reply(WitnessResponse response) => new(response.Status, response.Body, response.ContentType);

    /// <summary>The store secret holding the seed of a hosted witness's key.</summary>
    public static string SecretName(string name) => $"witness-key:{name}";
}
