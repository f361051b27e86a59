namespace LedgerCluster.Core.Notes;

/// <summary>
/// A <c>group &lt;name&gt; all|any|&lt;k&gt; &lt;members...&gt;</c> line: witnessed when at least
/// <see cref="Threshold"/> of its members (witnesses or earlier groups) are.
/// </summary>
public sealed record PolicyGroup(string Name, int Threshold, IReadOnlyList<string> Members);
