using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export;

/// <summary>The JSON of one example in each format (FORMATS.md section 8), and the texts in it.</summary>
public static class ExampleShapes
{
    public static JObject Sft(string prompt, string output, ExampleMetadata metadata) => new()
    {
        { "messages", new JArray(Turn("role", "user", "content", prompt), Turn("role", "assistant", "content", output)) },
        { "metadata", metadata.ToJson() },
    };

    public static JObject ShareGpt(string prompt, string output, ExampleMetadata metadata) => new()
    {
        { "conversations", new JArray(Turn("from", "human", "value", prompt), Turn("from", "gpt", "value", output)) },
        { "metadata", metadata.ToJson() },
    };

    /// <summary>A preference pair; the metadata names the chosen result, `rejected` inside it the rejected one.</summary>
    public static JObject Dpo(string prompt, string chosen, string rejected, ExampleMetadata chosenFrom, ExampleMetadata rejectedFrom)
    {
        var metadata = chosenFrom.ToJson();
        metadata.Add("rejected", new JObject
        {
            { "record_id", rejectedFrom.RecordId },
            { "shard", rejectedFrom.Shard is { } s ? s : JNull.Instance }, { "index", rejectedFrom.Index is { } i ? i : JNull.Instance },
            { "tier", Trust.TrustTiers.Name(rejectedFrom.Tier) },
        });
        return new JObject { { "prompt", prompt }, { "chosen", chosen }, { "rejected", rejected }, { "metadata", metadata } };
    }

    /// <summary>Every prompt and output text of an example, for the contamination check.</summary>
    public static IEnumerable<string> Texts(JObject example, ExportFormat format)
    {
        switch (format)
        {
            case ExportFormat.Dpo:
                foreach (var key in new[] { "prompt", "chosen", "rejected" })
                    if (example[key] is JString s) yield return s.Value;
                break;
            default:
                var (list, text) = format == ExportFormat.Sft ? ("messages", "content") : ("conversations", "value");
                if (example[list] is JArray turns)
                    foreach (var turn in turns.Items)
                        if (turn is JObject o && o[text] is JString s) yield return s.Value;
                break;
        }
    }

    private static JObject Turn(string speakerKey, string speaker, string textKey, string text) => new() { { speakerKey, speaker }, { textKey, text } };
}
