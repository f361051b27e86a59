using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Core.Tests.Witness;

/// <summary>Every row of the c2sp.org/tlog-witness response table, on the pure decision shared by both witness hosts.</summary>
public sealed class TlogWitnessTests : IDisposable
{
    private const ulong Now = 1_700_000_000;
    private readonly WitnessTestLog _log = new();
    private readonly NoteSigner _witness = new("witness.test/w1", Ed25519KeyPair.Generate(), NoteKeyType.CosignatureV1);
    private readonly Dictionary<string, WitnessedLog> _state = new(StringComparer.Ordinal);

    public TlogWitnessTests() => _log.Grow(10);

    private WitnessDecision Send(byte[] body)
    {
        var decision = TlogWitness.Decide(body, o => o == WitnessTestLog.Origin ? [_log.VerifierKey] : null, o => _state.GetValueOrDefault(o), _witness, Now);
        if (decision.NewState is { } next) _state[decision.Origin!] = next;
        return decision;
    }

    [Fact]
    public void A_first_checkpoint_from_size_0_is_cosigned_with_a_line_that_verifies()
    {
        var decision = Send(_log.Body(0, 5));
        Assert.Equal(200, decision.Response.Status);
        Assert.EndsWith("\n", decision.Response.Body, StringComparison.Ordinal);
        var cosigned = _log.CheckpointAt(5).WithSignature(NoteSignature.ParseLine(decision.Response.Body.TrimEnd('\n')));
        var verification = CosignatureVerifier.Verify(cosigned, [_witness.VerifierKey]);
        Assert.True(verification.AllValid);
        Assert.Equal(Now, Assert.Single(verification.Cosignatures).Timestamp);
        Assert.Equal(5UL, _state[WitnessTestLog.Origin].Size);
    }

    [Fact]
    public void A_consistent_extension_is_cosigned_and_the_same_checkpoint_again_too()
    {
        Assert.Equal(200, Send(_log.Body(0, 3)).Response.Status);
        Assert.Equal(200, Send(_log.Body(3, 7)).Response.Status);
        Assert.Equal(200, Send(_log.Body(7, 7)).Response.Status);
        Assert.Equal(7UL, _state[WitnessTestLog.Origin].Size);
    }

    [Fact]
    public void Unknown_origin_is_404()
    {
        using var other = new NoteSigner("other.test/log", Ed25519KeyPair.Generate());
        var note = SignedNote.Sign(new Checkpoint("other.test/log", 1, MerkleHash.LeafHash([1])).ToNoteText(), other);
        var decision = Send(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], note).Format()));
        Assert.Equal(404, decision.Response.Status);
        Assert.Null(decision.NewState);
    }

    [Fact]
    public void A_forged_log_signature_is_403_and_changes_nothing()
    {
        // Signed by a key that claims the log's name but is not the log's key.
        using var forger = new NoteSigner(WitnessTestLog.Origin, Ed25519KeyPair.Generate());
        var decision = Send(_log.Body(0, 5, forger));
        Assert.Equal(403, decision.Response.Status);
        Assert.Empty(_state);

        // And a real signature line whose bytes were tampered with.
        var honest = _log.CheckpointAt(5);
        var bytes = honest.Signatures[0].Signature;
        bytes[10] ^= 1;
        var tampered = new SignedNote(honest.Text, [new NoteSignature(WitnessTestLog.Origin, honest.Signatures[0].KeyId, bytes)]);
        Assert.Equal(403, Send(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], tampered).Format())).Response.Status);
    }

    [Fact]
    public void Old_larger_than_the_checkpoint_is_400()
    {
        Assert.Equal(200, Send(_log.Body(0, 8)).Response.Status);
        var body = Encoding.UTF8.GetBytes(new AddCheckpointRequest(9, [], _log.CheckpointAt(5)).Format());
        Assert.Equal(400, Send(body).Response.Status);
        Assert.Equal(8UL, _state[WitnessTestLog.Origin].Size);
    }

    [Fact]
    public void A_stale_old_is_409_with_the_latest_size_as_body_and_content_type()
    {
        Assert.Equal(200, Send(_log.Body(0, 4)).Response.Status);
        Assert.Equal(200, Send(_log.Body(4, 6)).Response.Status);
        var stale = Send(_log.Body(4, 9));
        Assert.Equal(409, stale.Response.Status);
        Assert.Equal("6\n", stale.Response.Body);
        Assert.Equal("text/x.tlog.size", stale.Response.ContentType);
        // A witness that never cosigned this log answers 0.
        _state.Clear();
        var fresh = Send(_log.Body(4, 9));
        Assert.Equal((409, "0\n"), (fresh.Response.Status, fresh.Response.Body));
        // Resynced from the size in the body, the same checkpoint is cosigned.
        Assert.Equal(200, Send(_log.Body(0, 9)).Response.Status);
    }

    [Fact]
    public void A_bad_consistency_proof_is_422_and_changes_nothing()
    {
        Assert.Equal(200, Send(_log.Body(0, 3)).Response.Status);
        var proof = _log.Body(3, 9);
        var request = AddCheckpointRequest.Parse(proof);
        var broken = request.Proof.Select(h => (byte[])h.Clone()).ToArray();
        broken[0][0] ^= 0xff;
        Assert.Equal(422, Send(Encoding.UTF8.GetBytes((request with { Proof = broken }).Format())).Response.Status);
        Assert.Equal(422, Send(Encoding.UTF8.GetBytes((request with { Proof = [] }).Format())).Response.Status);
        Assert.Equal(3UL, _state[WitnessTestLog.Origin].Size);
    }

    [Fact]
    public void The_same_size_with_another_root_is_422()
    {
        Assert.Equal(200, Send(_log.Body(0, 5)).Response.Status);
        var forked = SignedNote.Sign(new Checkpoint(WitnessTestLog.Origin, 5, MerkleHash.LeafHash([9])).ToNoteText(), _log.Key);
        var decision = Send(Encoding.UTF8.GetBytes(new AddCheckpointRequest(5, [], forked).Format()));
        Assert.Equal(422, decision.Response.Status);
        Assert.Contains("different root", decision.Response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fork_that_extends_a_different_history_is_422()
    {
        Assert.Equal(200, Send(_log.Body(0, 5)).Response.Status);
        using var fork = new WitnessTestLog("forked leaf");
        fork.Grow(12);
        // Properly signed by the log's key, but over a tree whose first 5 leaves differ from what the witness saw.
        var body = Encoding.UTF8.GetBytes(new AddCheckpointRequest(5, AddCheckpointRequest.Parse(fork.Body(5, 12)).Proof,
            SignedNote.Sign(fork.CheckpointAt(12).Text, _log.Key)).Format());
        Assert.Equal(422, Send(body).Response.Status);
    }

    [Fact]
    public void A_size_0_checkpoint_must_carry_the_empty_tree_root_and_the_genuine_one_is_cosigned_after_a_bad_one()
    {
        var bogus = SignedNote.Sign(new Checkpoint(WitnessTestLog.Origin, 0, MerkleHash.LeafHash([7])).ToNoteText(), _log.Key);
        var refused = Send(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], bogus).Format()));
        Assert.Equal(422, refused.Response.Status);
        Assert.Contains("empty-tree root", refused.Response.Body, StringComparison.Ordinal);
        Assert.Null(refused.NewState);
        Assert.Empty(_state);

        var empty = SignedNote.Sign(new Checkpoint(WitnessTestLog.Origin, 0, MerkleHash.EmptyRoot.ToArray()).ToNoteText(), _log.Key);
        Assert.Equal(200, Send(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], empty).Format())).Response.Status);
        Assert.Equal(200, Send(_log.Body(0, 4)).Response.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old 0\n")]
    [InlineData("old x\n\nnote\n")]
    [InlineData("old 01\n\n")]
    [InlineData("old 0\nnot-base64!\n\n")]
    [InlineData("old 0\n\nexample.test/log\n5\n")]
    public void Malformed_bodies_are_400(string body)
    {
        var decision = Send(Encoding.UTF8.GetBytes(body));
        Assert.Equal(400, decision.Response.Status);
        Assert.Contains("malformed", decision.Response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_round_trip_through_format_and_parse()
    {
        var body = _log.Body(3, 9);
        Assert.Equal(Encoding.UTF8.GetString(body), AddCheckpointRequest.Parse(body).Format());
    }

    public void Dispose()
    {
        _log.Dispose();
        _witness.Dispose();
    }
}
