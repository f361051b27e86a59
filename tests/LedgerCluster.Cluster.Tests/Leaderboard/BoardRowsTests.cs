using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.Grains.Leaderboard;

namespace LedgerCluster.Cluster.Tests.Leaderboard;

/// <summary>
/// A large board's ranked rows live in a file, unlinked once open: read back row for row, by slice; the
/// file is closed when the last lease goes, and no lease can be taken after that.
/// </summary>
public sealed class BoardRowsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "board-rows-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static CompactRow[] Rows(int count) =>
        Enumerable.Range(0, count).Select(i => CompactRow.Of(i % 7, i, i / (double)count, Convert.ToHexStringLower(BitConverter.GetBytes((long)i * 7919)) + new string('0', 48),
            contradicted: i % 11 == 0, (TrustTier)(i % 4))).ToArray();

    [Fact]
    public void Spilled_rows_read_back_exactly_and_leave_no_file_in_the_folder()
    {
        var rows = Rows(5000);
        var stored = BoardRows.Of(rows, 4990, inMemory: 100, _folder);
        Assert.True(stored.Spilled);
        Assert.Equal(4990, stored.Count);
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Equal(rows[..4990], stored.Slice(0, 4990));
        Assert.Equal(rows[1234..1300], stored.Slice(1234, 66));
        Assert.Equal([rows[4989]], stored.Slice(4989, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stored.Slice(4990, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stored.Slice(4980, 11));
        stored.Release();
    }

    [Fact]
    public void A_small_board_stays_in_memory()
    {
        var rows = Rows(50);
        var stored = BoardRows.Of(rows, 40, inMemory: 100, _folder);
        Assert.False(stored.Spilled);
        Assert.Equal(rows[..40], stored.Slice(0, 40));
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void The_file_closes_with_the_last_lease_and_takes_no_new_one()
    {
        var rows = Rows(300);
        var stored = BoardRows.Of(rows, rows.Length, inMemory: 0, _folder);
        Assert.True(stored.Acquire()); // a reader's
        stored.Release(); // the owner's: the reader still reads
        Assert.Equal([rows[299]], stored.Slice(299, 1));
        stored.Release(); // the reader's: closed
        Assert.False(stored.Acquire());
        Assert.Throws<ObjectDisposedException>(() => stored.Slice(0, 1));
    }
}
