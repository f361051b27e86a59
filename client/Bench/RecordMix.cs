namespace LedgerCluster.Client.Bench;

/// <summary>
/// How generated records spread: over how many benchmarks and models, whether a model's accuracy depends on the model
/// (as on a real board) or is the same for all, and how often a record runs a different protocol (a smaller max_tokens).
/// </summary>
public sealed record RecordMix(int Benchmarks, int Models, bool AccuracyByModel, int OtherProtocolEvery)
{
    /// <summary>The ingest phases' records: one benchmark, 16 models, the same accuracy and protocol for all.</summary>
    public static readonly RecordMix Ingest = new(1, 16, false, 0);

    /// <summary>
    /// A board as real boards are: a few benchmarks, each with every model, accuracies that differ by model, and one run
    /// in ten at another max_tokens (so protocol comparison has something to find).
    /// </summary>
    public static readonly RecordMix Board = new(4, 24, true, 10);
}
