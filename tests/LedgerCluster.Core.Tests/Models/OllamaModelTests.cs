using System.Net;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

/// <summary>The Ollama adapter against a real local HTTP server speaking <c>/api/generate</c>.</summary>
public sealed class OllamaModelTests
{
    private static string Generated(string response, string doneReason = "stop", int evalCount = 5) =>
        $$"""
        {"model": "gemma3:1b", "created_at": "2026-01-01T00:00:00Z", "response": {{CanonicalJson.Serialize(new JString(response))}},
         "done": true, "done_reason": "{{doneReason}}", "context": [1, 2, 3], "total_duration": 123456,
         "prompt_eval_count": 10, "eval_count": {{evalCount}}, "eval_duration": 1000}
        """;

    private static IModel Model(LoopbackServer server, ModelOptions? options = null) =>
        ModelSpec.Parse("ollama:gemma3:1b", (options ?? TestOptions.For("")) with { BaseUrl = server.BaseUrl });

    [Fact]
    public async Task Sends_options_records_them_with_verievals_names_and_strips_the_output()
    {
        await using var server = new LoopbackServer().Reply(200, Generated("  The answer is 72.\n", evalCount: 6));
        var model = Model(server, TestOptions.For("") with { Temperature = 0.5, Seed = 3, MaxTokens = 128 });

        var output = await model.GenerateAsync("Natalia sold 48 clips...");

        Assert.Equal(("The answer is 72.", "stop", 6L), (output.Text, output.FinishReason, output.OutputTokens));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/generate"), (request.Method, request.Path));
        Assert.Equal(new JObject
        {
            { "model", "gemma3:1b" }, { "prompt", "Natalia sold 48 clips..." }, { "stream", false },
            { "options", new JObject { { "temperature", 0.5 }, { "seed", 3 }, { "num_predict", 128 } } },
        }, request.Json);
        Assert.Equal(new LedgerCluster.Core.Records.ModelInfo("ollama", "gemma3:1b", "gemma3:1b",
            new JObject { { "temperature", 0.5 }, { "seed", 3 }, { "num_predict", 128 } }), model.Info);
    }

    [Fact]
    public void Default_params_are_the_verievals_ones() =>
        Assert.Equal("{\"num_predict\":512,\"seed\":0,\"temperature\":0.0}",
            CanonicalJson.Serialize(ModelSpec.Parse("ollama", TestOptions.For("http://127.0.0.1:9")).Info.Params));

    [Fact]
    public void Host_comes_from_ollama_host_when_no_base_url_is_given()
    {
        var model = (OllamaModel)ModelSpec.Parse("ollama", TestOptions.For("") with { BaseUrl = null, Environment = n => n == "OLLAMA_HOST" ? "10.0.0.5:11434" : null });
        Assert.Equal("http://10.0.0.5:11434/api/generate", model.Endpoint.ToString());
        Assert.Equal("gemma3:1b", model.Model);
    }

    [Fact]
    public async Task Retries_a_503_then_succeeds()
    {
        await using var server = new LoopbackServer().Reply(503, "{\"error\": \"server busy\"}").Reply(200, Generated("ok"));
        Assert.Equal("ok", (await Model(server).GenerateAsync("hi")).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_missing_model_is_a_clear_error_without_retries()
    {
        await using var server = new LoopbackServer().Reply(404, "{\"error\": \"model 'gemma3:1b' not found, try pulling it first\"}");
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server).GenerateAsync("hi"));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Contains($"ollama: POST {server.BaseUrl}/api/generate failed: HTTP 404 Not Found", e.Message);
        Assert.Contains("try pulling it first", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Length_done_reason_marks_truncation()
    {
        await using var server = new LoopbackServer().Reply(200, Generated("First, we", "length", 128));
        var output = await Model(server).GenerateAsync("hi");
        Assert.Equal(("length", 128L), (output.FinishReason, output.OutputTokens));
    }

    [Fact]
    public async Task Times_out()
    {
        await using var server = new LoopbackServer().Reply(200, Generated("late"), TimeSpan.FromSeconds(5));
        var options = TestOptions.For("") with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 };
        var e = await Assert.ThrowsAsync<ModelException>(() => Model(server, options).GenerateAsync("hi"));
        Assert.Contains("no response within 0.2 s", e.Message);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed_as_a_timeout()
    {
        await using var server = new LoopbackServer().Reply(200, Generated("late"), TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Model(server).GenerateAsync("hi", cts.Token));
    }
}
