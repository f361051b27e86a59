namespace LedgerCluster.Grains.Storage;

/// <summary>The embedded SQLite file holds shard keys, so whichever provider opens it first creates it private (0600).</summary>
internal static class SqliteFiles
{
    public static void CreatePrivate(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        if (OperatingSystem.IsWindows() || File.Exists(path)) return;
        try
        {
            // Create the file before SQLite does; SQLite gives its -wal and -shm files the same mode.
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite })) { }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another store or silo created it between the check and the create.
        }
    }
}
