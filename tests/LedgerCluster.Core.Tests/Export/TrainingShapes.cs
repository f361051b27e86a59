using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>The shapes trainers load (FORMATS.md section 8), checked line by line, independently of the exporter's code.</summary>
internal static class TrainingShapes
{
    public static List<JObject> ReadValid(string path, string format)
    {
        var lines = File.ReadAllLines(path);
        var examples = new List<JObject>();
        foreach (var (line, n) in lines.Select((l, i) => (l, i + 1)))
        {
            var example = Assert.IsType<JObject>(JsonParser.Parse(line));
            try { Validate(example, format); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{path}:{n}: {e.Message}\n{line}"); }
            examples.Add(example);
        }
        return examples;
    }

    public static void Validate(JObject example, string format)
    {
        var metadata = Assert.IsType<JObject>(example["metadata"]);
        Assert.Matches("^[0-9a-f]{64}$", Str(metadata, "record_id"));
        Assert.False(string.IsNullOrEmpty(Str(metadata, "task_id")));
        Assert.True(metadata.ContainsKey("shard") && metadata.ContainsKey("index"), "metadata names shard and index");
        switch (format)
        {
            case "sft":
                Assert.Equal(["messages", "metadata"], example.Keys.Order(StringComparer.Ordinal));
                var messages = Assert.IsType<JArray>(example["messages"]).Items.Select(m => Assert.IsType<JObject>(m)).ToList();
                Assert.Equal(["user", "assistant"], messages.Select(m => Str(m, "role")));
                Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(Str(m, "content"))));
                break;
            case "dpo":
                Assert.Equal(["chosen", "metadata", "prompt", "rejected"], example.Keys.Order(StringComparer.Ordinal));
                Assert.All(new[] { "prompt", "chosen", "rejected" }, k => Assert.False(string.IsNullOrWhiteSpace(Str(example, k))));
                Assert.NotEqual(Str(example, "chosen"), Str(example, "rejected"));
                break;
            case "sharegpt":
                Assert.Equal(["conversations", "metadata"], example.Keys.Order(StringComparer.Ordinal));
                var turns = Assert.IsType<JArray>(example["conversations"]).Items.Select(t => Assert.IsType<JObject>(t)).ToList();
                Assert.True(turns.Count >= 2 && turns.Count % 2 == 0, "human/gpt turns in pairs");
                for (var i = 0; i < turns.Count; i++)
                {
                    Assert.Equal(i % 2 == 0 ? "human" : "gpt", Str(turns[i], "from"));
                    Assert.False(string.IsNullOrWhiteSpace(Str(turns[i], "value")));
                }
                break;
            default:
                throw new ArgumentException(format);
        }
    }

    public static string Str(JObject o, string key) => Assert.IsType<JString>(o[key]).Value;
}
