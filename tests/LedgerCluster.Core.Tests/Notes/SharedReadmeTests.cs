namespace LedgerCluster.Core.Tests.Notes;

/// <summary>Guards against the inline copies of README section 8 drifting from the shared conformance data.</summary>
public sealed class SharedReadmeTests
{
    [SharedTheory]
    [InlineData(SpecExamples.C2spVkey)]
    [InlineData(SpecExamples.C2spNote)]
    [InlineData(SpecExamples.GoVkey)]
    [InlineData(SpecExamples.GoSkey)]
    [InlineData(SpecExamples.GoSignatureLine)]
    [InlineData(SpecExamples.LogSeedString)]
    [InlineData(SpecExamples.LogVkey)]
    [InlineData(SpecExamples.RootHex)]
    [InlineData(SpecExamples.SignedCheckpoint)]
    [InlineData(SpecExamples.WitnessSeedString)]
    [InlineData(SpecExamples.WitnessVkey)]
    [InlineData(SpecExamples.CosignatureLine)]
    public void Readme_section_8_holds_the_inline_example(string example)
    {
        var readme = File.ReadAllText(SharedData.Path("tlog-testdata", "README.md"));
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Readme_spells_the_escaped_texts_as_the_tests_do()
    {
        var readme = File.ReadAllText(SharedData.Path("tlog-testdata", "README.md"));
        Assert.Contains(SpecExamples.GoText.Replace("\n", "\\n", StringComparison.Ordinal), readme, StringComparison.Ordinal);
        Assert.Contains(SpecExamples.CosignedMessage.Replace("\n", "\\n", StringComparison.Ordinal), readme, StringComparison.Ordinal);
    }
}
