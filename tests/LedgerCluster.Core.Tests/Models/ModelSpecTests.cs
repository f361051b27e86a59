using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

public sealed class ModelSpecTests
{
    [Theory]
    [InlineData("ollama", "ollama", "gemma3:1b")]
    [InlineData("ollama:llama3:8b", "ollama", "llama3:8b")]
    [InlineData(" openai :gpt-4.1", "openai", "gpt-4.1")]
    [InlineData("anthropic", "anthropic", "claude-opus-4-8")]
    [InlineData("anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5")]
    public void Provider_is_before_the_first_colon(string spec, string provider, string name)
    {
        var model = ModelSpec.Parse(spec, TestOptions.For("http://127.0.0.1:9"));
        Assert.Equal((provider, name, name), (model.Info.Provider, model.Info.Name, model.Info.Version));
        Assert.False(model.IsDeterministic);
    }

    [Theory]
    [InlineData("gpt4", "unknown model provider 'gpt4' (known: anthropic, echo, fixture, ollama, openai)")]
    [InlineData("fixture", "fixture needs a path")]
    [InlineData("fixture:", "fixture needs a path")]
    [InlineData("echo:loud", "echo takes no argument")]
    public void Bad_specs_say_why(string spec, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelSpec.Parse(spec));
        Assert.Contains($"model spec \"{spec}\": {problem}", e.Message);
    }

    [Fact]
    public void Missing_fixture_file_is_a_model_error() =>
        Assert.Contains("fixture file not found: /nonexistent/f.json",
            Assert.Throws<ModelException>(() => ModelSpec.Parse("fixture:/nonexistent/f.json")).Message);

    [Fact]
    public void A_bad_base_url_is_rejected() =>
        Assert.Contains("is not an absolute http(s) URL",
            Assert.Throws<ModelException>(() => ModelSpec.Parse("openai", TestOptions.For("ftp://x", ("OPENAI_API_KEY", "k")))).Message);
}
