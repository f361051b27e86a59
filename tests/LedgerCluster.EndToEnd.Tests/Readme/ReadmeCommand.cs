namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>
/// One `$ COMMAND` line of a README console block and the output shown under it (up to the next `$ ` line).
/// A trailing ` &amp;` runs it in the background until the end of the session (servers); a last shown line `^C` means the
/// reader presses Ctrl+C once the output above it has appeared; a trailing comment `# exit N` is the exit code shown.
/// </summary>
public sealed record ReadmeCommand(int Line, string Text, IReadOnlyList<string> Shown)
{
    public bool Background => Text.EndsWith(" &", StringComparison.Ordinal);

    public bool Interrupted => Shown.Count > 0 && Shown[^1] == "^C";

    /// <summary>The output the command must print before it goes on in the background or gets its Ctrl+C.</summary>
    public IReadOnlyList<string> ShownOutput => Interrupted ? Shown.Take(Shown.Count - 1).ToList() : Shown;

    public int ExpectedExitCode
    {
        get
        {
            var marker = Text.LastIndexOf("# exit ", StringComparison.Ordinal);
            return marker < 0 ? 0 : int.Parse(Text[(marker + "# exit ".Length)..].Trim());
        }
    }

    /// <summary>The text bash runs: without the trailing `&amp;` (the session starts background commands itself).</summary>
    public string Script => Background ? Text[..^2].TrimEnd() : Text;
}
