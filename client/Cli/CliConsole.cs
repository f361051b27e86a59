using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Cli;

/// <summary>Where a command writes: human text, or one JSON document with --json. Injected so tests can read it.</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>True when stdout is a terminal a person is looking at (progress bars, colour).</summary>
    public bool Interactive { get; init; }

    public void WriteJson(JValue value) => Out.WriteLine(PrettyJson.Serialize(value));

    public static CliConsole System => new(Console.Out, Console.Error) { Interactive = !Console.IsOutputRedirected };
}
