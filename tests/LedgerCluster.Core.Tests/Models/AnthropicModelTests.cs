using System.Net;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

/// <summary>The Anthropic adapter against a real local HTTP server speaking the Messages API wire format.</summary>
public sealed class AnthropicModelTests
{
    private static string Message(string stopReason, int outputTokens, params string[] texts) => CanonicalJson.Serialize(new JObject
    {
        { "id", "msg_01" }, { "type", "message" }, { "role", "assistant" }, { "model", "claude-opus-4-8" },
        { "content", new JArray([
            .. texts.Select(t => (JValue)new JObject { { "type", "text" }, { "text", t } }),
            new JObject { { "type", "thinking" }, { "thinking", "not part of the answer" }, { "signature", "x" } }]) },
        { "stop_reason", stopReason }, { "stop_sequence", JNull.Instance },
        { "usage", new JObject { { "input_tokens", 20 }, { "output_tokens", outputTokens } } },
    });

    private static IModel Model(LoopbackServer server, ModelOptions? options = null) =>
        ModelSpec.Parse("anthropic:claude-test", (options ?? TestOptions.For("", ("ANTHROPIC_API_KEY", "ak-test"))) with { BaseUrl = server.BaseUrl });

    [Fact]
    public async Task Sends_headers_and_parameters_and_joins_text_blocks()
    {
        await using var server = new LoopbackServer().Reply(200, Message("end_turn", 3, "Par", "is"));
        var model = Model(server, TestOptions.For("", ("ANTHROPIC_API_KEY", "ak-test")) with { Temperature = 0.25, MaxTokens = 50, Seed = 9 });

        var output = await model.GenerateAsync("Capital of France?");

        Assert.Equal(("Paris", "stop", 3L), (output.Text, output.FinishReason, output.OutputTokens));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/messages"), (request.Method, request.Path));
        Assert.Equal("ak-test", request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        var body = request.Json;
        Assert.Equal(new JString("claude-test"), body["model"]);
        Assert.Equal(new JArray(new JObject { { "role", "user" }, { "content", "Capital of France?" } }), body["messages"]);
        Assert.Equal(new JInteger(50), body["max_tokens"]);
        Assert.Equal(new JFloat(0.25), body["temperature"]);
        Assert.Null(body["seed"]); // the Messages API has no seed; nothing unsent is recorded either
        Assert.Equal(new JObject { { "max_tokens", 50 }, { "temperature", 0.25 } }, model.Info.Params);
        Assert.Equal(("anthropic", "claude-test"), (model.Info.Provider, model.Info.Name));
    }

    [Fact]
    public async Task Temperature_is_neither_sent_nor_recorded_unless_given()
    {
        await using var server = new LoopbackServer().Reply(200, Message("end_turn", 1, "ok"));
        var model = Model(server);
        await model.GenerateAsync("hi");
        Assert.Null(server.Requests.Single().Json["temperature"]);
        Assert.Equal("{\"max_tokens\":1024}", CanonicalJson.Serialize(model.Info.Params));
    }

    [Fact]
    public async Task Max_tokens_stop_is_recorded_as_length()
    {
        await using var server = new LoopbackServer().Reply(200, Message("max_tokens", 5, "Let me think about"));
        var output = await Model(server).GenerateAsync("Prove it.");
        Assert.Equal("length", output.FinishReason);
        Assert.True(output.Truncated);
    }

    [Fact]
    public async Task Retries_overloaded_529_then_succeeds()
    {
        await using var server = new LoopbackServer()
            .Reply(529, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")
            .Reply(200, Message("end_turn", 1, "ok"));
        Assert.Equal("ok", (await Model(server).GenerateAsync("hi")).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Does_not_retry_an_authentication_error()
    {
        await using var server = new LoopbackServer()
            .Reply(401, "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", \"message\": \"invalid x-api-key\"}}");
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server).GenerateAsync("hi"));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains($"anthropic: POST {server.BaseUrl}/v1/messages failed: HTTP 401", e.Message);
        Assert.Contains("invalid x-api-key", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Times_out()
    {
        await using var server = new LoopbackServer().Reply(200, Message("end_turn", 1, "late"), TimeSpan.FromSeconds(5));
        var options = TestOptions.For("", ("ANTHROPIC_API_KEY", "k")) with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 };
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server, options).GenerateAsync("hi"));
        Assert.Contains("failed: no response within 0.2 s", e.Message);
    }

    [Fact]
    public void The_official_endpoint_needs_an_api_key() =>
        Assert.Contains("ANTHROPIC_API_KEY is not set",
            Assert.Throws<ModelException>(() => ModelSpec.Parse("anthropic", TestOptions.For("https://api.anthropic.com"))).Message);
}
