using System.Text.Json;

namespace LedgerCluster.Core.Tests.Import;

/// <summary>
/// The real harness outputs in ../shared/harness-data, and an independent reader for them (System.Text.Json, not the
/// importer's parser), so the tests compare the records against the source files rather than against themselves.
/// </summary>
public static class HarnessFiles
{
    public const string NegotiationDate = "2026-07-08T18-15-33.115417";
    public const string Gsm8kDate = "2025-04-30T18-24-41.082644";
    public const string MathDate = "2026-01-21T03-44-18.458309";

    public static string LmEval(string name) => SharedData.Path("harness-data", "lm-eval", name);
    public static string Results(string date) => LmEval($"results_{date}.json");
    public static string Samples(string task, string date) => LmEval($"samples_{task}_{date}.jsonl");
    public static string Eee(params string[] parts) => SharedData.Path(["harness-data", "eee", .. parts]);

    public static string EeeBelief => Eee("converted", "negotiationtom_belief", "Qwen", "Qwen3-8B", "cd00b442-b694-44e2-8bc6-26164a7e4fab.json");
    public static string EeeIntention => Eee("converted", "negotiationtom_intention", "Qwen", "Qwen3-8B", "57fe42c1-75b5-4969-87ab-510d4d83d9a6.json");
    public static string EeeMath => Eee("converted", "math_perturbed_full", "RylanSchaeffer", "mem_Qwen3-93M_minerva_math_rep_0_sbst_1.0000_epch_1_ot_1", "a6a59e24-d4f0-428c-a920-17770b29f6e4.json");
    public static string EeeDemo => Eee("f3a1c0de-4b2e-4c1a-9f6d-1b7e5a2c8d40.json");
    public static string EeeDatastoreV022 => Eee("676f4465-ce78-411a-9f5a-c97b3d2eac4f.json");

    public static string SidecarOf(string aggregate) => aggregate[..^".json".Length] + "_samples.jsonl";

    /// <summary>Every non-empty line of a JSONL file as a parsed document.</summary>
    public static List<JsonElement> Lines(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.Clone();
}
