namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>A fenced code block of README.md: its info string (`console` for a session the test runs), first line, lines.</summary>
public sealed record ReadmeBlock(string Info, int Line, IReadOnlyList<string> Lines)
{
    public bool IsSession => Info == "console";

    /// <summary>The `$ ` commands of the block with the lines shown under each.</summary>
    public IReadOnlyList<ReadmeCommand> Commands()
    {
        var commands = new List<ReadmeCommand>();
        (int Line, string Text)? current = null;
        var shown = new List<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].StartsWith("$ ", StringComparison.Ordinal))
            {
                if (current is { } done) commands.Add(new ReadmeCommand(done.Line, done.Text, shown));
                current = (Line + 1 + i, Lines[i][2..]);
                shown = [];
            }
            else if (current is null) throw new FormatException($"README.md line {Line + 1 + i}: output before the first `$ ` command of a console block");
            else shown.Add(Lines[i]);
        }
        if (current is { } last) commands.Add(new ReadmeCommand(last.Line, last.Text, shown));
        return commands;
    }
}
