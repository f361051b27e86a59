namespace LedgerCluster.EndToEnd.Tests.Readme;

/// <summary>README.md as its fenced code blocks (``` fences; the info string after the opening fence names the kind).</summary>
public sealed class ReadmeDocument
{
    private ReadmeDocument(IReadOnlyList<string> lines, IReadOnlyList<ReadmeBlock> blocks) => (Lines, Blocks) = (lines, blocks);

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<ReadmeBlock> Blocks { get; }

    public static ReadmeDocument Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var info = lines[i][3..].Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end] != "```") end++;
            if (end == lines.Length) throw new FormatException($"README.md line {i + 1}: code block never closed");
            // Line numbers are 1-based; a block's Line is the fence's, its first content line is Line + 1.
            blocks.Add(new ReadmeBlock(info, i + 1, lines[start..end]));
            i = end;
        }
        return new ReadmeDocument(lines, blocks);
    }

    /// <summary>The README with each session block's shown lines replaced (update mode): fence line number to new lines.</summary>
    public string WithBlocks(IReadOnlyDictionary<int, IReadOnlyList<string>> replaced)
    {
        var output = new List<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            output.Add(Lines[i]);
            if (!replaced.TryGetValue(i + 1, out var content)) continue;
            output.AddRange(content);
            var end = i + 1;
            while (Lines[end] != "```") end++;
            i = end - 1;
        }
        return string.Join("\n", output);
    }
}
