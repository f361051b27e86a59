using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`ledger fsck --data` on a real store: clean passes; each kind of corruption, made with SQL, exits 1 naming the place.</summary>
public sealed class FsckStoreTests(FsckStoreFixture store) : IClassFixture<FsckStoreFixture>
{
    private sealed record Fsck(int Code, JsonElement Report, string Text, string Error)
    {
        public JsonElement Problem => Report.GetProperty("problem");
        public (int Shard, string Check) Where => (Problem.GetProperty("shard").GetInt32(), Problem.GetProperty("check").GetString()!);
        public long Index => Problem.GetProperty("index").GetInt64();
        public long CheckpointSize => Problem.GetProperty("checkpoint_size").GetInt64();
    }

    private static async Task<Fsck> Run(string dir)
    {
        var (json, text, err) = (new StringWriter(), new StringWriter(), new StringWriter());
        var code = await LedgerCli.RunAsync(["fsck", "--data", dir, "--json"], new CliConsole(json, err));
        Assert.Equal(code, await LedgerCli.RunAsync(["fsck", "--data", dir], new CliConsole(text, err)));
        return new Fsck(code, JsonDocument.Parse(json.ToString()).RootElement.Clone(), text.ToString(), err.ToString());
    }

    private static async Task<T> Sql<T>(TempDirectory dir, string sql, params (string Name, object Value)[] args)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dir.File("ledger.db"), Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static Task<long> Exec(TempDirectory dir, string sql, params (string, object)[] args) =>
        Sql<long>(dir, sql + "; SELECT changes();", args);

    // Stored record bodies are kept apart from the leaves (grains/Storage/SqliteLayout.cs): the body of shard $s's leaf idx.
    private static string BodyOf(int index) => $"seq = (SELECT body FROM entries WHERE shard = $s AND idx = {index})";

    // The busiest shard, so there are leaves on both sides of the one broken.
    private static Task<long> BusiestShard(TempDirectory dir) => Sql<long>(dir, "SELECT shard FROM entries GROUP BY shard ORDER BY COUNT(*) DESC LIMIT 1");

    [Fact]
    public async Task A_clean_store_passes_with_every_record_rehashed()
    {
        using var dir = store.Copy();
        var fsck = await Run(dir.Path);
        Assert.Equal(0, fsck.Code);
        Assert.True(fsck.Report.GetProperty("ok").GetBoolean());
        Assert.Equal(FsckStoreFixture.Records, fsck.Report.GetProperty("leaves").GetInt64());
        Assert.Equal(FsckStoreFixture.Records, fsck.Report.GetProperty("records_checked").GetInt64());
        Assert.Contains("fsck: clean: 4 shards, 48 leaves", fsck.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_record_id_is_named_at_its_leaf()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        // An id that still routes to this shard, so it is the record's own content hash that gives it away.
        string id;
        do id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)); while (ShardRouter.ShardOf(id, 4) != shard);
        Assert.Equal(1, await Exec(dir, "UPDATE entries SET record_id = $id WHERE shard = $s AND idx = 3", ("$id", Convert.FromHexString(id)), ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal(1, fsck.Code);
        Assert.Equal((shard, "record_id_mismatch"), fsck.Where);
        Assert.Equal(3, fsck.Index);
        Assert.Contains($"fsck: INCONSISTENT at shard {shard} leaf 3 (record_id_mismatch)", fsck.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_leaf_is_named_in_the_middle_and_at_the_end()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        Assert.Equal(1, await Exec(dir, "DELETE FROM entries WHERE shard = $s AND idx = 2", ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, (shard, "leaf_missing"), 2L), (fsck.Code, fsck.Where, fsck.Index));

        using var end = store.Copy();
        var last = await Sql<long>(end, "SELECT MAX(idx) FROM entries WHERE shard = $s", ("$s", shard));
        Assert.Equal(1, await Exec(end, "DELETE FROM entries WHERE shard = $s AND idx = $i", ("$s", shard), ("$i", last)));
        fsck = await Run(end.Path);
        Assert.Equal((1, (shard, "leaf_missing"), last), (fsck.Code, fsck.Where, fsck.Index));
    }

    [Fact]
    public async Task A_damaged_compressed_record_is_named_at_its_leaf()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        var stored = await Sql<byte[]>(dir, $"SELECT json FROM bodies WHERE {BodyOf(5)}", ("$s", shard));
        Assert.Equal(RecordCompression.Brotli, stored[0]);
        stored[stored.Length / 2] ^= 0x5a;
        Assert.Equal(1, await Exec(dir, $"UPDATE bodies SET json = $j WHERE {BodyOf(5)}", ("$j", stored), ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, shard, 5L), (fsck.Code, fsck.Where.Shard, fsck.Index));
        Assert.StartsWith("record_", fsck.Where.Check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaf_whose_body_is_gone_is_named_at_its_leaf()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        Assert.Equal(1, await Exec(dir, $"DELETE FROM bodies WHERE {BodyOf(6)}", ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, shard, 6L), (fsck.Code, fsck.Where.Shard, fsck.Index));
        Assert.StartsWith("record_", fsck.Where.Check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_record_fails_its_integrity_check()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        // Records are kept compressed; the edited one goes back compressed the same way, as a bit flipped on disk would not.
        var json = Encoding.UTF8.GetString(RecordCompression.Decode(await Sql<byte[]>(dir, $"SELECT json FROM bodies WHERE {BodyOf(4)}", ("$s", shard))));
        var edited = json.Replace("question 1 of run", "question 7 of run", StringComparison.Ordinal);
        Assert.NotEqual(json, edited);
        Assert.Equal(1, await Exec(dir, $"UPDATE bodies SET json = $j WHERE {BodyOf(4)}", ("$j", RecordCompression.Encode(Encoding.UTF8.GetBytes(edited))), ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, (shard, "record_integrity"), 4L), (fsck.Code, fsck.Where, fsck.Index));
    }

    [Fact]
    public async Task A_tampered_checkpoint_root_or_signature_is_named_by_size()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        Assert.Equal(1, await Exec(dir, "UPDATE checkpoints SET root = zeroblob(32) WHERE shard = $s AND size = 2", ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, (shard, "checkpoint_row"), 2L), (fsck.Code, fsck.Where, fsck.CheckpointSize));

        using var forged = store.Copy();
        var note = SignedNote.Parse(await Sql<string>(forged, "SELECT note FROM checkpoints WHERE shard = $s AND size = 3", ("$s", shard)));
        var signature = note.Signatures[0].Signature;
        signature[0] ^= 1;
        var tampered = new SignedNote(note.Text, [new NoteSignature(note.Signatures[0].Name, note.Signatures[0].KeyId, signature)]).Format();
        Assert.Equal(1, await Exec(forged, "UPDATE checkpoints SET note = $n WHERE shard = $s AND size = 3", ("$n", tampered), ("$s", shard)));
        fsck = await Run(forged.Path);
        Assert.Equal((1, (shard, "checkpoint_signature"), 3L), (fsck.Code, fsck.Where, fsck.CheckpointSize));
    }

    [Fact]
    public async Task A_checkpoint_the_log_key_signed_over_a_wrong_root_is_caught_by_recomputing_the_root()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        // What a buggy or malicious log would do: sign a root its leaves do not have, with its real key.
        var origin = ShardOrigin.For(ShardOrigin.DefaultPrefix, shard);
        var seed = await Sql<byte[]>(dir, "SELECT value FROM secrets WHERE name = $n", ("$n", $"log-key:{origin}"));
        using var signer = new NoteSigner(origin, Ed25519KeyPair.FromSeed(seed));
        var root = RandomNumberGenerator.GetBytes(32);
        var note = SignedNote.Sign(new Checkpoint(origin, 4, root).ToNoteText(), signer).Format();
        Assert.Equal(1, await Exec(dir, "UPDATE checkpoints SET root = $r, note = $n WHERE shard = $s AND size = 4", ("$r", root), ("$n", note), ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, (shard, "checkpoint_root"), 4L), (fsck.Code, fsck.Where, fsck.CheckpointSize));
        Assert.Contains($"signed root {Convert.ToBase64String(root)}", fsck.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_past_the_latest_checkpoint_were_never_signed()
    {
        using var dir = store.Copy();
        var shard = (int)await BusiestShard(dir);
        var sizes = await Sql<long>(dir, "SELECT COUNT(*) FROM checkpoints WHERE shard = $s", ("$s", shard));
        Assert.True(sizes >= 2);
        var previous = await Sql<long>(dir, "SELECT size FROM checkpoints WHERE shard = $s ORDER BY size DESC LIMIT 1 OFFSET 1", ("$s", shard));
        Assert.Equal(1, await Exec(dir, "DELETE FROM checkpoints WHERE shard = $s AND size = (SELECT MAX(size) FROM checkpoints WHERE shard = $s)", ("$s", shard)));
        var fsck = await Run(dir.Path);
        Assert.Equal((1, (shard, "unsigned_leaf"), previous), (fsck.Code, fsck.Where, fsck.Index));
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_never_create_a_store()
    {
        using var empty = new TempDirectory();
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await LedgerCli.RunAsync(["fsck", "--data", empty.Path], new CliConsole(o, e)));
        Assert.Contains("no ledger store", e.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(empty.File("ledger.db")));
        Assert.Equal(2, await LedgerCli.RunAsync(["fsck"], new CliConsole(o, e)));
        Assert.Equal(2, await LedgerCli.RunAsync(["fsck", "--data", empty.Path, "--gateway", "http://127.0.0.1:1"], new CliConsole(o, e)));
        Assert.Equal(2, await LedgerCli.RunAsync(["fsck", "--gateway", "http://127.0.0.1:1", "--shards", "4"], new CliConsole(o, e)));
    }
}
