using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Silo;
using Microsoft.AspNetCore.Builder;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// The hosted board with 10,000 records on it: one embedded node (silo + gateway + SQLite) in this process, filled through
/// `POST /v1/records:batch`, then timed end to end over loopback HTTP. Target (issue 7): the page's first render
/// (`GET /`, server-rendered first page) and the JSON endpoint (`GET /v1/leaderboard`, all 10,000 rows) under 200 ms.
/// In-process: the node must live in the measuring process. Run: `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*Leaderboard*'`.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class LeaderboardBenchmarks
{
    private const int Records = 10_000;
    private string _data = "";
    private WebApplication _node = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = Path.Combine(Path.GetTempPath(), "ledger-board-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = FreePorts(3);
        _node = LedgerHost.Build(new LedgerHostOptions
        {
            DataDirectory = _data, HttpPort = ports[0], SiloPort = ports[1], GatewayPort = ports[2], RecordsPerSecondPerKey = 1_000_000, QuietOnStandardError = true,
        });
        _node.StartAsync().GetAwaiter().GetResult();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}"), Timeout = TimeSpan.FromMinutes(5) };
        using var key = Ed25519KeyPair.Generate();
        foreach (var chunk in Enumerable.Range(0, Records).Chunk(1000))
        {
            var ndjson = string.Concat(chunk.Select(n => RunRecord.Create(Body(n), key, $"lab-{n % 17}").ToJson() is var json ? CanonicalJson.Serialize(json) + "\n" : ""));
            using var response = _http.PostAsync("/v1/records:batch", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson")).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }
        // The board hears batches asynchronously: wait until all of them are on it.
        while (true)
        {
            using var page = _http.GetAsync("/v1/leaderboard?limit=1").GetAwaiter().GetResult();
            if (page.Headers.GetValues("X-Total-Count").Single() == Records.ToString(System.Globalization.CultureInfo.InvariantCulture)) break;
            Thread.Sleep(100);
        }
    }

    [Benchmark]
    public int PageFirstRender() => Get("/");

    [Benchmark]
    public int JsonAllRows() => Get("/v1/leaderboard");

    [Benchmark]
    public int JsonFirstPage() => Get("/v1/leaderboard?limit=100");

    [Benchmark]
    public int Markdown() => Get("/v1/leaderboard?format=md");

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _node.StopAsync().GetAwaiter().GetResult();
        _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private int Get(string path)
    {
        var bytes = _http.GetByteArrayAsync(path).GetAwaiter().GetResult();
        return bytes.Length;
    }

    private static RecordBody Body(int n)
    {
        var tasks = 20 + n % 80;
        var results = Enumerable.Range(0, tasks).Select(t => new TaskResult($"t{t}", $"q{t}", (t * 7 + n) % 3 == 0 ? "x" : $"{t}", $"{t}",
            (t * 7 + n) % 3 == 0 ? 0.0 : 1.0, (t * 7 + n) % 3 != 0)).ToList();
        return RecordBody.Create(new BenchmarkRef($"bench-{n % 12}", "1", new string('a', 64)),
            new ModelInfo("test", $"model-{n % 500}", "1", new JObject { { "run", n } }), new RunnerConfig(n, null), results, "exact_match");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
