namespace LedgerCluster.Silo.Gateway;

/// <summary>One non-blank line of an NDJSON body: its bytes, or, for a line over the record limit, only its length (it was never held).</summary>
public readonly record struct NdjsonLine(byte[]? Bytes, long Length)
{
    public bool TooLong => Bytes is null;
}
