using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// What a run asked the model to do: the settings of model.params and the runner that change the task itself (token
/// limit, sampling, stop sequences, few-shot, template, system prompt, sample limit) plus the item set (the benchmark's
/// content hash). Each setting gets one board-wide name whatever the runner called it (max_new_tokens, max_gen_toks and
/// num_predict are all "max_tokens"), so an imported lm-eval record and a `ledger run` record compare.
/// Bookkeeping (batch size, harness version, source digests, per-item facts) and the model's identity are left out:
/// they differ between runs without changing what was asked.
/// </summary>
public sealed class GenerationProtocol
{
    public const string MaxTokens = "max_tokens";
    public const string ItemSet = "item_set";
    public const string SampleLimit = "sample_limit";

    // Board name → the leaf names runners record it under, in order of preference.
    private static readonly (string Setting, string[] Leaves)[] Settings =
    [
        ("temperature", ["temperature", "temp"]),
        ("top_p", ["top_p"]),
        ("top_k", ["top_k"]),
        ("min_p", ["min_p"]),
        ("do_sample", ["do_sample"]),
        ("repetition_penalty", ["repetition_penalty", "repeat_penalty"]),
        ("presence_penalty", ["presence_penalty"]),
        ("frequency_penalty", ["frequency_penalty"]),
        ("stop", ["stop", "stop_sequences", "until", "stop_seqs"]),
        ("few_shot", ["num_fewshot", "n-shot", "n_shot", "num_shots", "few_shot", "fewshot", "max_train_instances"]),
        ("few_shot_as_multiturn", ["fewshot_as_multiturn"]),
        ("template", ["chat_template_sha", "chat_template", "prompt_template", "template", "apply_chat_template"]),
        ("system_prompt", ["system_instruction_sha", "system_instruction", "system_prompt", "system"]),
    ];

    private GenerationProtocol(SortedDictionary<string, JValue> values)
    {
        Values = values;
        // Short, stable: the first 12 hex digits of the canonical JSON's SHA-256, like the record ids the page shortens.
        Hash = CanonicalJson.Hash(new JObject(values.Select(v => KeyValuePair.Create(v.Key, v.Value))))[..12];
    }

    /// <summary>Board setting name → value; a setting the record does not state is absent.</summary>
    public IReadOnlyDictionary<string, JValue> Values { get; }

    public string Hash { get; }

    public static GenerationProtocol Of(RecordBody body)
    {
        var fields = ProtocolFields.FromRecord(body)
            .Where(f => f.Key.StartsWith("model.params.", StringComparison.Ordinal) && f.Value is not JNull)
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var values = new SortedDictionary<string, JValue>(StringComparer.Ordinal);
        if (ProtocolFields.TokenLimit(fields) is { } limit) values[MaxTokens] = limit;
        foreach (var (setting, leaves) in Settings)
        {
            var found = leaves.SelectMany(leaf => fields.Where(f => ProtocolFields.Leaf(f.Key) == leaf).OrderBy(f => f.Key, StringComparer.Ordinal)).FirstOrDefault();
            if (found.Key is not null) values[setting] = found.Value;
        }
        if (body.Runner.SampleLimit is { } sampleLimit) values[SampleLimit] = sampleLimit;
        values[ItemSet] = body.Benchmark.ContentHash;
        return new GenerationProtocol(values);
    }

    /// <summary>Builds a protocol from settings already under their board names (tests, other sources).</summary>
    public static GenerationProtocol FromValues(IEnumerable<KeyValuePair<string, JValue>> values) =>
        new(new SortedDictionary<string, JValue>(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    /// <summary>
    /// One warning per setting that differs from <paramref name="reference"/>: "max_tokens 300 vs 768" (this record's
    /// value first, "unset" where a side does not state it). The token limit first, then the rest by name.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(GenerationProtocol reference)
    {
        if (reference.Hash == Hash) return [];
        return Values.Keys.Union(reference.Values.Keys)
            .Where(key => !Equals(Values.GetValueOrDefault(key), reference.Values.GetValueOrDefault(key)))
            .OrderBy(key => key == MaxTokens ? 0 : 1).ThenBy(key => key, StringComparer.Ordinal)
            .Select(key => $"{key} {Show(Values.GetValueOrDefault(key))} vs {Show(reference.Values.GetValueOrDefault(key))}")
            .ToList();
    }

    private static string Show(JValue? value) => value switch
    {
        null => "unset",
        JString s when s.Value.Length == 64 => s.Value[..12], // a content hash or digest: its short form
        JString s => s.Value,
        _ => CanonicalJson.Serialize(value),
    };
}
