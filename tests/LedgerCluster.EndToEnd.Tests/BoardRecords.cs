using System.Net.Http.Json;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Records of the bundled benchmarks run with their bundled fixtures, and the node setup the board tests share.</summary>
public static class BoardRecords
{
    public static string FixturesDirectory => RepoPaths.Path("benchmarks", "fixtures");

    public static Task<EmbeddedNode> StartNodeAsync(string dataDirectory) =>
        EmbeddedNode.StartAsync(dataDirectory, configure: o => o.FixturesDirectory = FixturesDirectory);

    public static Benchmark Load(string name) => BenchmarkLoader.Load(RepoPaths.Path("benchmarks", name));

    public static Task RegisterAsync(EmbeddedNode node, Benchmark benchmark) => node.Client.RegisterBenchmarkAsync(benchmark);

    /// <summary>A real run of <paramref name="benchmark"/> with its bundled fixture, signed.</summary>
    public static async Task<RunRecord> FixtureRunAsync(Benchmark benchmark, Ed25519KeyPair key, string signer = "board-tests")
    {
        var body = await EvalRunner.RunAsync(benchmark, FixtureModel.Load(Path.Combine(FixturesDirectory, benchmark.Id + ".json")), new RunOptions());
        return RunRecord.Create(body, key, signer);
    }

    /// <summary>The same run with one output changed and the accuracy left as claimed, re-signed: valid, but not what the model says.</summary>
    public static RunRecord AlteredAndResigned(RunRecord run, Ed25519KeyPair key)
    {
        var results = run.Body.Results.Select((r, i) => i == 0 ? r with { Output = r.Output + " (edited)" } : r).ToList();
        return RunRecord.Create(RecordBody.Create(run.Body.Benchmark, run.Body.Model, run.Body.Runner, results, run.Body.Aggregate.Scorer), key, "board-tests");
    }

    /// <summary>Reads the record until <paramref name="done"/> holds (the board and reproduction run in the background).</summary>
    public static async Task<System.Text.Json.JsonElement> RecordWhenAsync(EmbeddedNode node, string id, Func<System.Text.Json.JsonElement, bool> done)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        for (var attempt = 0; ; attempt++)
        {
            var record = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/records/{id}");
            if (done(record) || attempt == 300) return record;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Reads the board until the record's row satisfies <paramref name="done"/>: boards rank a snapshot a few times a second,
    /// off the request path, so a row follows its record's tier a moment later.
    /// </summary>
    public static async Task<LeaderboardRow?> BoardRowWhenAsync(EmbeddedNode node, string id, Func<LeaderboardRow, bool> done, string? benchmark = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = (await node.Client.GetLeaderboardRowsAsync(benchmark)).FirstOrDefault(r => r.RecordId == id);
            if ((row is not null && done(row)) || attempt == 300) return row;
            await Task.Delay(100);
        }
    }
}
