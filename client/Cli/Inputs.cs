using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Cli;

/// <summary>Loads command inputs, turning every format problem into a one-line usage/input error (exit 2).</summary>
public static class Inputs
{
    /// <summary>Loads a benchmark; what loading coerced to match verievals is printed to stderr as `warning:` lines.</summary>
    public static Benchmark Benchmark(string path, CliConsole console)
    {
        Benchmark benchmark;
        try { benchmark = BenchmarkLoader.Load(path); }
        catch (BenchmarkFormatException e) { throw new CliException(e.Message); }
        foreach (var warning in benchmark.Warnings) console.Error.WriteLine($"warning: {warning}");
        return benchmark;
    }

    public static Ed25519KeyPair Key(string path)
    {
        try { return KeyFiles.LoadPrivate(path); }
        catch (Exception e) when (e is FileNotFoundException or FormatException) { throw new CliException($"--key: {e.Message}"); }
    }

    public static JValue Json(string path, string what)
    {
        if (!File.Exists(path)) throw new CliException($"{what} file not found: {path}");
        try { return JsonParser.ParseFile(path); }
        catch (JsonParseException e) { throw new CliException($"{e.Message}: not a JSON {what}"); }
    }
}
