using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

public sealed class EchoModelTests
{
    public static IEnumerable<object[]> Cases() => Kat.Rows(() => ((JArray)Kat.Vectors["echo"]!).Items.Select((_, i) => new object[] { i }));

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public async Task Echo_matches_the_vector(int index)
    {
        var c = (JObject)((JArray)Kat.Vectors["echo"]!)[index];
        var output = await new EchoModel().GenerateAsync(Kat.Str(c["prompt"]));
        Assert.Equal(new ModelOutput(Kat.Str(c["output"])), output);
    }

    [Fact]
    public void Echo_info_is_what_verievals_records()
    {
        var model = ModelSpec.Parse("echo");
        Assert.Equal("{\"name\":\"echo\",\"params\":{\"marker\":\"Answer:\"},\"provider\":\"mock\",\"version\":\"1\"}",
            CanonicalJson.Serialize(model.Info.ToJson()));
        Assert.True(model.IsDeterministic);
    }

    [Theory]
    [InlineData("a\u0085b\u000bc", "c")]
    [InlineData("x Answer:", "")]
    [InlineData("  \n\t\n", "")]
    public void Echo_edge_cases(string prompt, string output) => Assert.Equal(output, EchoModel.Reply(prompt));
}
