using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Api.Rendering;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;
using LedgerCluster.Core.Verification;
using LedgerCluster.Core.Witness;
using LedgerCluster.Silo;
using Microsoft.Extensions.Hosting;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger demo`: the whole story in one command. Starts the embedded cluster with two hosted witnesses (a 2-of-2 policy)
/// and the bundled fixtures, registers the bundled benchmarks, runs them with deterministic models, signs and submits the
/// records, waits for the witnesses' cosignatures and the cluster's re-runs, verifies each record offline against its
/// proof and the policy, prints the board.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port", "-p") { Description = "HTTP gateway port", DefaultValueFactory = _ => 8080 };
        var data = new Option<string>("--data") { Description = "Data directory of the embedded store", DefaultValueFactory = _ => "data" };
        var benchmarks = new Option<string?>("--benchmarks") { Description = "Folder of benchmarks with fixtures/ (default: the bundled ones)" };
        var once = new Option<bool>("--once") { Description = "Stop after printing the board instead of serving until Ctrl+C" };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Start the embedded cluster, run, sign, submit and verify the bundled benchmarks, show the leaderboard")
        {
            port, data, benchmarks, once, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(benchmarks) ?? BundledBenchmarks()
                ?? throw new CliException("bundled benchmarks not found; pass --benchmarks DIR (a folder of benchmarks with a fixtures/ subfolder)");
            var host = new LedgerHostOptions
            {
                HttpPort = parse.GetValue(port), DataDirectory = parse.GetRequiredValue(data), FixturesDirectory = Path.Combine(folder, "fixtures"),
            };
            var policy = DemoWitnesses(host);
            var url = $"http://{host.Host}:{host.HttpPort}";
            // A data directory another log lives in is refused in one line before anything starts.
            try { await LedgerStorage.CheckInvariantsAsync(host, host.ShardCount, Core.Log.ShardOrigin.DefaultPrefix, adopted: line => console.Error.WriteLine($"ledger: {line}"), cancel); }
            catch (Grains.Storage.StoreMismatchException e) { throw new CliException(e.Message); }
            var app = LedgerHost.Build(host);
            await using var shutdown = new BoundedShutdown(app);
            try { await app.StartAsync(cancel); }
            catch (IOException e) { throw new CliException($"cannot listen on {url}: {e.Message} (is another server running? try --port)"); }
            var log = parse.GetValue(json) ? TextWriter.Null : console.Out;
            log.WriteLine($"Embedded cluster up at {url} (data in {Path.GetFullPath(host.DataDirectory)})");

            // The demo signer's key lives beside the store, so re-running the demo reproduces the same records.
            using var key = DemoKey(host.DataDirectory);
            using var gateway = new LedgerGatewayClient(url);
            var shards = await gateway.GetShardsAsync(cancel);
            var submitted = new List<(RunRecord Record, Submission Submission)>();
            foreach (var (benchmark, model) in Runs(folder))
            {
                // Registered first, so the cluster can re-run the records made on it.
                await gateway.RegisterBenchmarkAsync(benchmark, cancel);
                var body = await EvalRunner.RunAsync(benchmark, model, new RunOptions(), cancel: cancel);
                var record = RunRecord.Create(body, key, "ledger-demo");
                var submission = await gateway.SubmitAsync(System.Text.Encoding.UTF8.GetBytes(record.ToFileText()), cancel: cancel);
                if (!submission.Accepted) throw new InvalidOperationException($"the gateway refused the demo record: {submission.Error} {submission.Detail}");
                submitted.Add((record, submission));
            }

            // Witnesses cosign about once a second per shard; the cluster re-runs deterministic records in the background.
            await WaitForAsync(gateway, submitted.Select(s => s.Record.Id), view => view["tier"] is JString { Value: not "signed" } && view["reproduction"] is JObject, cancel);
            var verified = 0;
            var results = new List<JValue>();
            foreach (var (record, submission) in submitted)
            {
                var body = record.Body;
                var proof = await gateway.GetProofAsync(record.Id, cancel);
                var vkey = shards.Single(s => s.Shard == submission.Shard).VerifierKey;
                var report = RecordVerifier.Verify(record, new VerificationInputs { ProofText = proof, LogVerifierKey = vkey, PolicyText = $"log {vkey}\n{policy}" });
                verified += report.Verified ? 1 : 0;
                var view = await gateway.GetRecordAsync(record.Id, cancel);
                var tier = view?["tier"] is JString t ? t.Value : "unknown";
                log.WriteLine($"  {body.Benchmark.Id}@{body.Benchmark.Version} x {body.Model.Provider}:{body.Model.Name}: accuracy {body.Aggregate.Accuracy:0.000}, " +
                              $"record {record.Id[..12]} -> shard {submission.Shard} index {submission.Index}; {tier}; " +
                              $"{report.Overall.ToLowerInvariant()} offline against its proof and the 2-of-2 witness policy");
                results.Add(new JObject
                {
                    { "record_id", record.Id }, { "shard", submission.Shard }, { "index", submission.Index }, { "tier", tier }, { "verified", report.Verified },
                });
            }
            var boardJson = await BoardShowingAsync(gateway, results.OfType<JObject>().ToDictionary(r => ((JString)r["record_id"]!).Value, r => ((JString)r["tier"]!).Value), cancel);
            var board = JsonParser.Parse(boardJson);
            if (parse.GetValue(json))
                console.WriteJson(new JObject { { "url", url }, { "records", new JArray(results) }, { "verified", verified }, { "leaderboard", board } });
            else
            {
                console.Out.WriteLine();
                console.Out.WriteLine("Trust leaderboard:");
                console.Out.Write(LeaderboardMarkdown.Write(System.Text.Json.JsonSerializer.Deserialize(boardJson, LedgerApiJson.Default.LeaderboardRowArray)!));
                console.Out.WriteLine();
                console.Out.WriteLine($"{verified} of {results.Count} records verified offline against their inclusion proofs and witness cosignatures.");
            }
            if (!parse.GetValue(once))
            {
                console.Out.WriteLine($"Serving the leaderboard page at {url}/ (JSON: {url}/v1/leaderboard, shards: {url}/v1/shards). Ctrl+C stops.");
                // The host's console lifetime turns Ctrl+C / SIGTERM into a graceful stop; wait for it.
                await app.WaitForShutdownAsync(cancel);
            }
            await app.StopAsync(CancellationToken.None);
            return verified == results.Count ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    // Every benchmark with a fixture runs twice: with its fixture (a "solver") and with echo (a weak baseline).
    private static IEnumerable<(Benchmark, IModel)> Runs(string folder)
    {
        foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var fixture = Path.Combine(folder, "fixtures", Path.GetFileName(dir) + ".json");
            if (!File.Exists(Path.Combine(dir, "benchmark.yaml")) || !File.Exists(fixture)) continue;
            var benchmark = BenchmarkLoader.Load(dir);
            yield return (benchmark, ModelSpec.Parse("fixture:" + fixture));
            yield return (benchmark, ModelSpec.Parse("echo"));
        }
    }

    // Two witnesses hosted in the node, with keys kept beside the store, and a policy that needs both of them.
    private static string DemoWitnesses(LedgerHostOptions host)
    {
        Directory.CreateDirectory(host.DataDirectory);
        var policy = new System.Text.StringBuilder();
        foreach (var name in new[] { "demo-a", "demo-b" })
        {
            var prefix = Path.Combine(host.DataDirectory, $"witness-{name}");
            var (keyPath, _) = WitnessKeyFiles.Paths(prefix);
            var vkey = File.Exists(keyPath) ? WitnessKeyFiles.Load(keyPath).VerifierKey : WitnessKeyFiles.Create($"ledger-demo/{name}", prefix).VerifierKey;
            host.HostedWitnesses[name] = keyPath;
            policy.Append($"witness {name} {vkey}\n");
        }
        host.WitnessPolicy = policy.Append("group both all demo-a demo-b\nquorum both\n").ToString();
        return host.WitnessPolicy;
    }

    // Bounded: a record that does not get there in time is reported by the checks that follow, not waited on forever.
    // The board ranks a snapshot a few times a second, so it shows a record's tier a moment after the record does.
    private static async Task<string> BoardShowingAsync(LedgerGatewayClient gateway, Dictionary<string, string> tiers, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var text = await gateway.GetTextAsync("v1/leaderboard", cancel);
            var shown = ((JArray)JsonParser.Parse(text)).Items.OfType<JObject>()
                .Count(row => row["record_id"] is JString id && tiers.TryGetValue(id.Value, out var tier) && row["tier"] is JString { Value: var t } && t == tier);
            if (shown == tiers.Count || DateTime.UtcNow >= deadline) return text;
            await Task.Delay(100, cancel);
        }
    }

    private static async Task WaitForAsync(LedgerGatewayClient gateway, IEnumerable<string> ids, Func<JObject, bool> done, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var id in ids)
        {
            while (DateTime.UtcNow < deadline && !(await gateway.GetRecordAsync(id, cancel) is { } view && done(view)))
                await Task.Delay(100, cancel);
        }
    }

    private static Ed25519KeyPair DemoKey(string dataDirectory)
    {
        var prefix = Path.Combine(dataDirectory, "demo-signer");
        var (privatePath, _) = KeyFiles.Paths(prefix);
        if (File.Exists(privatePath)) return KeyFiles.LoadPrivate(privatePath);
        var key = Ed25519KeyPair.Generate();
        KeyFiles.Save(key, prefix);
        return key;
    }

    // The bundled benchmarks: copied beside the executable by build, publish and the tool package (client's csproj),
    // so this never depends on the working directory; above it only in an unusual checkout layout.
    private static string? BundledBenchmarks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "benchmarks");
            if (Directory.Exists(Path.Combine(candidate, "fixtures"))) return candidate;
        }
        return null;
    }
}
