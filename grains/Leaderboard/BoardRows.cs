using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LedgerCluster.Core.Leaderboards;
using Microsoft.Win32.SafeHandles;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The sorted rows of one ranked board, immutable. A small board keeps them in memory; a large one (more rows than
/// <see cref="LedgerOptions.BoardRowsInMemory"/>) writes them once to a file in <see cref="LedgerOptions.BoardSpillDirectory"/>,
/// unlinked as soon as it is open, and reads back only the slice a page or the next ranking asks for. So a board at rest
/// holds no memory per row however many it ranks; the file is the operating system's to cache (and to evict), and it is
/// gone when the last reader lets go of it, or with the process. Whoever reads the rows of a snapshot that may be swapped
/// meanwhile holds a lease: taken on the grain's turn (<see cref="Acquire"/>), given back when done (<see cref="Release"/>);
/// the grain holds one for the snapshot it serves.
/// </summary>
public sealed class BoardRows
{
    private static readonly int RowBytes = Unsafe.SizeOf<CompactRow>();
    private readonly CompactRow[]? _memory;
    private readonly SafeFileHandle? _file;
    private int _leases = 1;

    private BoardRows(CompactRow[]? memory, SafeFileHandle? file, int count) => (_memory, _file, Count) = (memory, file, count);

    public static BoardRows Empty { get; } = new([], null, 0);

    public int Count { get; }

    /// <summary>Whether the rows are in a file (for reports and tests).</summary>
    public bool Spilled => _file is not null;

    /// <summary>The first <paramref name="count"/> rows of <paramref name="sorted"/>, kept in memory or spilled to a file.</summary>
    public static BoardRows Of(CompactRow[] sorted, int count, int inMemory, string spillDirectory)
    {
        if (count <= inMemory) return new BoardRows(count == sorted.Length ? sorted : sorted[..count], null, count);
        Directory.CreateDirectory(spillDirectory);
        var path = Path.Combine(spillDirectory, $"board-{Guid.NewGuid():N}.rows");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, FileOptions.None);
        try
        {
            File.Delete(path);
            RandomAccess.Write(file, MemoryMarshal.AsBytes(sorted.AsSpan(0, count)), 0);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new BoardRows(null, file, count);
    }

    /// <summary>Rows <paramref name="start"/> on, as many as <paramref name="destination"/> holds.</summary>
    public void CopyTo(int start, Span<CompactRow> destination)
    {
        if (_memory is not null)
        {
            _memory.AsSpan(start, destination.Length).CopyTo(destination);
            return;
        }
        if (start < 0 || (long)start + destination.Length > Count) throw new ArgumentOutOfRangeException(nameof(start), start, $"rows {start}.. past the board's {Count}");
        var bytes = MemoryMarshal.AsBytes(destination);
        for (var done = 0; done < bytes.Length;)
        {
            var read = RandomAccess.Read(_file!, bytes[done..], (long)start * RowBytes + done);
            if (read == 0) throw new IOException($"a board's row file ended {bytes.Length - done} bytes early");
            done += read;
        }
    }

    public CompactRow[] Slice(int start, int count)
    {
        var rows = new CompactRow[Math.Max(0, count)];
        CopyTo(start, rows);
        return rows;
    }

    /// <summary>Takes a lease; false once the rows are released for good (the caller then uses a newer snapshot).</summary>
    public bool Acquire()
    {
        if (_file is null) return true;
        for (var leases = Volatile.Read(ref _leases); leases > 0; leases = Volatile.Read(ref _leases))
            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases) return true;
        return false;
    }

    /// <summary>Gives a lease back; the last one closes (and so removes) the file.</summary>
    public void Release()
    {
        if (_file is not null && Interlocked.Decrement(ref _leases) == 0) _file.Dispose();
    }
}
