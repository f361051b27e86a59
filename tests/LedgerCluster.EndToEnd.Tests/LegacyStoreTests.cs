using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Verification;
using LedgerCluster.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A node's store rewritten into an earlier layout is still served: the same checkpoints, records and proofs, duplicates
/// found, new appends consistent with the old checkpoints, and `ledger fsck` clean. "legacy": before issue 16 (a (shard, idx)
/// key and a unique index on the whole record id, bare JSON rows, no tree hashes); "inline": as issue 16 first wrote it
/// (position-keyed rows holding the compressed body, an 8-byte id-prefix index, checkpoints in a rowid table).
/// </summary>
public sealed class LegacyStoreTests
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("inline")]
    public async Task A_store_in_an_earlier_layout_opens_serves_and_keeps_appending(string layout)
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, 30).Select(i => TestRecords.Make(key, i)).ToList();
        string[] checkpointsBefore;
        await using (var node = await EmbeddedNode.StartAsync(dir.Path, shards: 2))
        {
            foreach (var r in records) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(r))).Accepted);
            checkpointsBefore = await Task.WhenAll(Enumerable.Range(0, 2).Select(s => node.Client.GetCheckpointAsync(s)));
        }
        SqliteConnection.ClearAllPools();
        await RewriteInEarlierLayoutAsync(Path.Combine(dir.Path, "ledger.db"), layout);

        await using (var node = await EmbeddedNode.StartAsync(dir.Path, shards: 2))
        {
            Assert.Equal(checkpointsBefore, await Task.WhenAll(Enumerable.Range(0, 2).Select(s => node.Client.GetCheckpointAsync(s))));
            var shards = await node.Client.GetShardsAsync();
            foreach (var r in records)
            {
                var proof = await node.Client.GetProofAsync(r.Id);
                var shard = shards.Single(s => s.Origin == TlogProof.Parse(proof).CheckpointBody.Origin);
                Assert.True(RecordVerifier.Verify(r, new VerificationInputs { ProofText = proof, LogVerifierKey = shard.VerifierKey }).Verified);
            }
            Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(records[3]))).Duplicate);
            var added = await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(key, 500)));
            Assert.True(added.Accepted && !added.Duplicate);
            var old = Checkpoint.Parse(SignedNote.Parse(checkpointsBefore[added.Shard]).Text);
            var now = Checkpoint.Parse(SignedNote.Parse(added.Checkpoint!).Text);
            var consistency = await node.Client.GetConsistencyProofAsync(added.Shard, (long)old.Size, (long)now.Size);
            Assert.True(MerkleVerifier.VerifyConsistency(old.Size, now.Size, consistency, old.RootHash, now.RootHash));
        }
        SqliteConnection.ClearAllPools();
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.True(await LedgerCli.RunAsync(["fsck", "--data", dir.Path], new CliConsole(o, e)) == 0, o + e.ToString());
        Assert.Contains("fsck: clean: 2 shards, 31 leaves", o.ToString(), StringComparison.Ordinal);
    }

    // The entries table as the store created it in that layout, holding the same leaves.
    private static async Task RewriteInEarlierLayoutAsync(string database, string layout)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var tx = db.BeginTransaction();
        await Exec(db, tx, "ALTER TABLE entries RENAME TO entries_apart; DROP INDEX entries_by_record_prefix;");
        await Exec(db, tx, layout == "legacy"
            ? """
              CREATE TABLE entries (shard INTEGER NOT NULL, idx INTEGER NOT NULL, record_id BLOB NOT NULL, json BLOB NOT NULL, PRIMARY KEY (shard, idx));
              CREATE UNIQUE INDEX entries_by_record ON entries (record_id);
              """
            : """
              CREATE TABLE entries (
                  pos INTEGER PRIMARY KEY, record_id BLOB NOT NULL, json BLOB NOT NULL,
                  shard INTEGER GENERATED ALWAYS AS (pos >> 40) VIRTUAL,
                  idx INTEGER GENERATED ALWAYS AS (pos & 1099511627775) VIRTUAL);
              CREATE INDEX entries_by_record_prefix ON entries (substr(record_id, 1, 8));
              """);
        var rows = new List<(long Shard, long Index, byte[] Id, byte[] Json)>();
        await using (var read = db.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT shard, idx, record_id, json FROM entries_apart JOIN bodies ON seq = body";
            await using var reader = await read.ExecuteReaderAsync();
            // Before issue 16 the JSON was kept bare; the inline layout kept it as stored now.
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2], layout == "legacy" ? RecordCompression.Decode((byte[])reader[3]) : (byte[])reader[3]));
        }
        Assert.Equal(30, rows.Count);
        foreach (var row in rows)
        {
            await using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = layout == "legacy"
                ? "INSERT INTO entries (shard, idx, record_id, json) VALUES ($s, $i, $id, $json)"
                : "INSERT INTO entries (pos, record_id, json) VALUES (($s << 40) + $i, $id, $json)";
            insert.Parameters.AddWithValue("$s", row.Shard);
            insert.Parameters.AddWithValue("$i", row.Index);
            insert.Parameters.AddWithValue("$id", row.Id);
            insert.Parameters.AddWithValue("$json", row.Json);
            await insert.ExecuteNonQueryAsync();
        }
        // Both earlier layouts kept checkpoints in a rowid table.
        await Exec(db, tx, """
            DROP TABLE entries_apart; DROP TABLE bodies;
            ALTER TABLE checkpoints RENAME TO checkpoints_apart;
            CREATE TABLE checkpoints (shard INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, signed_at INTEGER, PRIMARY KEY (shard, size));
            INSERT INTO checkpoints SELECT shard, size, root, note, signed_at FROM checkpoints_apart;
            DROP TABLE checkpoints_apart;
            """);
        if (layout == "legacy") await Exec(db, tx, "DROP TABLE tree_hashes; DELETE FROM meta WHERE name = 'tree_hashes';");
        await tx.CommitAsync();
    }

    private static async Task Exec(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
