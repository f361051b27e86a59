namespace LedgerCluster.Core.Notes;

/// <summary>A <c>log &lt;vkey&gt; [url]</c> line of a witness policy.</summary>
public sealed record PolicyLog(NoteVerifierKey Key, string? Url);
