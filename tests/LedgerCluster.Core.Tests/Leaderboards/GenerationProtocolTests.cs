using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using static LedgerCluster.Core.Tests.Leaderboards.BoardTestData;

namespace LedgerCluster.Core.Tests.Leaderboards;

public sealed class GenerationProtocolTests
{
    private static readonly (string, bool)[] TwoItems = [("t0", true), ("t1", false)];

    private static GenerationProtocol Of(JObject modelParams, long? sampleLimit = null)
    {
        var record = Record("m", TwoItems, modelParams);
        return GenerationProtocol.Of(sampleLimit is null ? record.Body : record.Body with { Runner = record.Body.Runner with { SampleLimit = sampleLimit } });
    }

    [Fact]
    public void Harness_names_map_to_one_board_name_and_bookkeeping_is_left_out()
    {
        // As an lm-eval import keeps them: generation_kwargs nested, few-shot under num_fewshot, plus run bookkeeping.
        var imported = Of(new JObject
        {
            { "generation_kwargs", new JObject { { "max_gen_toks", 256 }, { "until", new JArray("Question:") }, { "temperature", 0.0 } } },
            { "num_fewshot", 5 }, { "chat_template_sha", new string('d', 64) }, { "batch_size", 8 }, { "lm_eval_version", "0.4.8" },
            { "source_files", new JObject { { "results.json", new string('e', 64) } } },
            { "item_facts", new JObject { { "t0", new JObject { { "finish_reason", "stop" } } } } },
        });

        Assert.Equal(["few_shot", "item_set", "max_tokens", "stop", "temperature", "template"], imported.Values.Keys);
        Assert.Equal(new JInteger(256), imported.Values["max_tokens"]);
        Assert.Equal(new JInteger(5), imported.Values["few_shot"]);
        Assert.Equal(Gsm8kDev200, ((JString)imported.Values["item_set"]).Value);
        Assert.Equal(12, imported.Hash.Length);
    }

    [Fact]
    public void Settings_that_do_not_change_the_task_do_not_change_the_hash()
    {
        var a = Of(new JObject { { "max_tokens", 768 }, { "temperature", 0.0 }, { "batch_size", 1 }, { "base_url", "http://a" } });
        var b = Of(new JObject { { "max_new_tokens", 768 }, { "temperature", 0.0 }, { "batch_size", 64 } });

        Assert.Equal(a.Hash, b.Hash);
        Assert.Empty(a.DifferencesFrom(b));
    }

    [Fact]
    public void Each_difference_is_named_with_both_values_token_limit_first()
    {
        var row = Of(new JObject { { "max_tokens", 300 }, { "temperature", 0.7 }, { "top_p", 0.9 } }, sampleLimit: 50);
        var common = Of(new JObject { { "max_tokens", 768 }, { "temperature", 0.0 } });

        Assert.Equal(["max_tokens 300 vs 768", "sample_limit 50 vs unset", "temperature 0.7 vs 0.0", "top_p 0.9 vs unset"], row.DifferencesFrom(common));
        Assert.Equal(["max_tokens 768 vs 300", "sample_limit unset vs 50", "temperature 0.0 vs 0.7", "top_p unset vs 0.9"], common.DifferencesFrom(row));
    }
}
