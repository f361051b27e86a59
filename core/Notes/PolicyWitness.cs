namespace LedgerCluster.Core.Notes;

/// <summary>A <c>witness &lt;name&gt; &lt;vkey&gt; [url]</c> line; the name is local to the policy file.</summary>
public sealed record PolicyWitness(string Name, NoteVerifierKey Key, string? Url);
