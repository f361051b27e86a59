namespace LedgerCluster.Client.Gateway;

/// <summary>Record files as the gateway takes them: streamed, without the UTF-8 byte order mark an editor may have written (the gateway refuses it).</summary>
public static class RecordFiles
{
    /// <summary>Opens the file positioned after a leading byte order mark, if any.</summary>
    public static FileStream OpenSkippingBom(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        Span<byte> start = stackalloc byte[3];
        var read = file.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        file.Position = read == 3 && start.SequenceEqual("\uFEFF"u8) ? 3 : 0;
        return file;
    }
}
