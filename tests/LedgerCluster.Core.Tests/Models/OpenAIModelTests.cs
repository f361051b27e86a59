using System.Net;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

/// <summary>The OpenAI adapter against a real local HTTP server speaking the Chat Completions wire format.</summary>
public sealed class OpenAIModelTests
{
    private static string Completion(string content, string finish = "stop", int tokens = 1) => CanonicalJson.Serialize(new JObject
    {
        { "id", "chatcmpl-1" }, { "object", "chat.completion" }, { "created", 1700000000 }, { "model", "gpt-4o-mini-2024-07-18" },
        { "choices", new JArray(new JObject
            {
                { "index", 0 }, { "message", new JObject { { "role", "assistant" }, { "content", content } } }, { "finish_reason", finish },
            }) },
        { "usage", new JObject { { "prompt_tokens", 12 }, { "completion_tokens", tokens }, { "total_tokens", 12 + tokens } } },
    });

    private static IModel Model(LoopbackServer server, ModelOptions? options = null) =>
        ModelSpec.Parse("openai:gpt-4o-mini", (options ?? TestOptions.For(server.BaseUrl + "/v1", ("OPENAI_API_KEY", "sk-test"))) with { BaseUrl = server.BaseUrl + "/v1" });

    [Fact]
    public async Task Sends_and_records_every_decoding_parameter()
    {
        await using var server = new LoopbackServer().Reply(200, Completion("42", tokens: 2));
        var options = TestOptions.For("", ("OPENAI_API_KEY", "sk-test")) with { Temperature = 0.7, MaxTokens = 64, Seed = 7, SystemPrompt = "Be terse." };
        var model = Model(server, options);

        var output = await model.GenerateAsync("What is 6 * 7?");

        Assert.Equal(new ModelOutput("42", "stop", 2, output.LatencyMs), output);
        Assert.True(output.LatencyMs > 0);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions"), (request.Method, request.Path));
        Assert.Equal("Bearer sk-test", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = request.Json;
        Assert.Equal(new JString("gpt-4o-mini"), body["model"]);
        Assert.Equal(new JArray(
            new JObject { { "role", "system" }, { "content", "Be terse." } },
            new JObject { { "role", "user" }, { "content", "What is 6 * 7?" } }), body["messages"]);
        Assert.Equal(new JFloat(0.7), body["temperature"]);
        Assert.Equal(new JInteger(64), body["max_tokens"]);
        Assert.Equal(new JInteger(7), body["seed"]);

        Assert.Equal(("openai", "gpt-4o-mini", "gpt-4o-mini"), (model.Info.Provider, model.Info.Name, model.Info.Version));
        Assert.Equal(new JObject { { "max_tokens", 64 }, { "temperature", 0.7 }, { "seed", 7 }, { "system", "Be terse." } }, model.Info.Params);
        // What is recorded is what was sent.
        Assert.All(model.Info.Params.Where(p => p.Key != "system"), p => Assert.Equal(p.Value, body[p.Key]));
    }

    [Fact]
    public async Task Defaults_are_temperature_zero_1024_tokens_seed_zero()
    {
        await using var server = new LoopbackServer().Reply(200, Completion("ok"));
        var model = Model(server);
        await model.GenerateAsync("hi");
        Assert.Equal("{\"max_tokens\":1024,\"seed\":0,\"temperature\":0.0}", CanonicalJson.Serialize(model.Info.Params));
        var body = server.Requests.Single().Json;
        Assert.Equal(new JFloat(0.0), body["temperature"]);
        Assert.Equal(new JInteger(1024), body["max_tokens"]);
        Assert.Equal(new JInteger(0), body["seed"]);
    }

    [Fact]
    public async Task Retries_a_500_then_succeeds()
    {
        await using var server = new LoopbackServer()
            .Reply(500, "{\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}")
            .Reply(429, "{\"error\": {\"message\": \"Rate limit\"}}", null, ("Retry-After", "0"))
            .Reply(200, Completion("Paris"));
        var output = await Model(server).GenerateAsync("Capital of France?");
        Assert.Equal("Paris", output.Text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Does_not_retry_a_401_and_says_what_failed()
    {
        await using var server = new LoopbackServer()
            .Reply(401, "{\"error\": {\"message\": \"Incorrect API key provided: sk-test.\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}");
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server).GenerateAsync("hi"));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains($"openai: POST {server.BaseUrl}/v1/chat/completions failed: HTTP 401 Unauthorized", e.Message);
        Assert.Contains("Incorrect API key provided", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Gives_up_after_the_bounded_number_of_retries()
    {
        await using var server = new LoopbackServer().Reply(503, "busy").Reply(503, "busy").Reply(503, "still busy");
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server).GenerateAsync("hi"));
        Assert.Contains("failed after 3 attempts: HTTP 503 Service Unavailable: still busy", e.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Times_out_each_attempt_then_fails_clearly()
    {
        await using var server = new LoopbackServer()
            .Reply(200, Completion("late"), TimeSpan.FromSeconds(5))
            .Reply(200, Completion("late"), TimeSpan.FromSeconds(5));
        var options = TestOptions.For("", ("OPENAI_API_KEY", "k")) with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server, options).GenerateAsync("hi"));
        Assert.Contains("failed after 2 attempts: no response within 0.3 s", e.Message);
        Assert.Null(e.Status);
    }

    [Fact]
    public async Task A_timeout_is_retried_like_a_5xx()
    {
        await using var server = new LoopbackServer()
            .Reply(200, Completion("late"), TimeSpan.FromSeconds(5))
            .Reply(200, Completion("on time"));
        var options = TestOptions.For("", ("OPENAI_API_KEY", "k")) with { Timeout = TimeSpan.FromMilliseconds(300) };
        Assert.Equal("on time", (await Model(server, options).GenerateAsync("hi")).Text);
    }

    [Fact]
    public async Task Truncated_output_reports_length()
    {
        await using var server = new LoopbackServer().Reply(200, Completion("The answer is", "length", 4));
        var output = await Model(server, TestOptions.For("", ("OPENAI_API_KEY", "k")) with { MaxTokens = 4 }).GenerateAsync("Explain.");
        Assert.Equal(("The answer is", "length", 4L), (output.Text, output.FinishReason, output.OutputTokens));
        Assert.True(output.Truncated);
    }

    [Fact]
    public async Task Null_content_is_empty_output_and_bad_json_is_a_clear_error()
    {
        await using var server = new LoopbackServer()
            .Reply(200, "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null, \"refusal\": \"no\"}, \"finish_reason\": \"content_filter\"}]}")
            .Reply(200, "<html>proxy error</html>")
            .Reply(200, "{\"choices\": []}");
        var model = Model(server);
        Assert.Equal(new ModelOutput("", "error", null, null), (await model.GenerateAsync("a")) with { LatencyMs = null });
        Assert.Contains("returned invalid JSON", (await Assert.ThrowsAsync<ModelException>(() => model.GenerateAsync("b"))).Message);
        Assert.Contains("without choices[0].message", (await Assert.ThrowsAsync<ModelException>(() => model.GenerateAsync("c"))).Message);
    }

    [Fact]
    public async Task A_connection_refused_is_retried_then_reported()
    {
        string url;
        await using (var server = new LoopbackServer()) url = server.BaseUrl; // nothing listens there any more
        var options = TestOptions.For(url + "/v1", ("OPENAI_API_KEY", "k")) with { Retries = 1 };
        var e = await Assert.ThrowsAsync<ModelException>(() => ModelSpec.Parse("openai", options).GenerateAsync("hi"));
        Assert.Contains("failed after 2 attempts: connection failed", e.Message);
    }

    [Fact]
    public void The_official_endpoint_needs_an_api_key()
    {
        var e = Assert.Throws<ModelException>(() => ModelSpec.Parse("openai", TestOptions.For("https://api.openai.com/v1")));
        Assert.Contains("OPENAI_API_KEY is not set", e.Message);
        var local = ModelSpec.Parse("openai:llama3", TestOptions.For("http://127.0.0.1:9/v1"));
        Assert.Equal("llama3", local.Info.Name);
    }
}
