using LedgerCluster.Core.Export.HuggingFace;
using LedgerCluster.Core.Trust;
using YamlDotNet.RepresentationModel;

namespace LedgerCluster.Core.Tests.Export.HuggingFace;

/// <summary>Strings YAML would otherwise read as something else come back from YamlDotNet as the same strings.</summary>
public sealed class HfEvalResultsYamlTests
{
    [Theory]
    [InlineData("no", "1e3", "plain notes")]
    [InlineData("org/name", "null", "quotes \" and a colon: here\nand a second line, a tab\t, é and 漢字")]
    [InlineData("~", "- dash", "# not a comment")]
    public void Tricky_strings_round_trip_through_YamlDotNet(string dataset, string task, string notes)
    {
        var id = new string('a', 64);
        var yaml = HfEvalResultsYaml.Write([new HfEvalResult(new HfDatasetTarget(dataset, task, "rev 1", true), 45.0, "2026-07-08T18:13:21Z",
            $"https://ledger.example.org/records/{id}", notes, id, TrustTier.Signed, null)]);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var entry = (YamlMappingNode)((YamlSequenceNode)stream.Documents[0].RootNode).Children[0];
        Assert.Equal(dataset, HubEvalResultsSpec.Scalar(entry, "dataset.id"));
        Assert.Equal(task, HubEvalResultsSpec.Scalar(entry, "dataset.task_id"));
        Assert.Equal("rev 1", HubEvalResultsSpec.Scalar(entry, "dataset.revision"));
        Assert.Equal(notes, HubEvalResultsSpec.Scalar(entry, "notes"));
        Assert.Equal("45.0", HubEvalResultsSpec.Scalar(entry, "value"));
        Assert.Equal($"https://ledger.example.org/records/{id}", HubEvalResultsSpec.Scalar(entry, "source.url"));
    }

    [Theory]
    [InlineData(0.45, HfValueScale.Percent, 45.0)]
    [InlineData(2.0 / 3.0, HfValueScale.Percent, 66.67)]
    [InlineData(2.0 / 3.0, HfValueScale.Fraction, 0.6667)]
    [InlineData(1.0, HfValueScale.Percent, 100.0)]
    public void Values_are_percent_with_two_decimals_or_a_fraction_with_four(double accuracy, HfValueScale scale, double expected) =>
        Assert.Equal(expected, HfEvalResultsExporter.Value(accuracy, scale));

    [Theory]
    [InlineData("openai/gsm8k", "openai--gsm8k.yaml")]
    [InlineData("ai2_arc", "ai2_arc.yaml")]
    [InlineData("TIGER-Lab/MMLU-Pro", "TIGER-Lab--MMLU-Pro.yaml")]
    public void Files_are_named_after_their_dataset(string dataset, string file) => Assert.Equal(file, HfEvalResultsExporter.FileName(dataset));
}
