using System.Text.Json;
using System.Text.Json.Serialization;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Witness;
using LedgerCluster.Core.Verification;
using LedgerCluster.Silo.Gateway;
using LedgerCluster.Silo.Page;

namespace LedgerCluster.Silo;

/// <summary>
/// Builds the process: an Orleans silo and the HTTP gateway co-hosted in one ASP.NET Core app.
/// The embedded profile is one silo on localhost clustering with the durable SQLite store under the data directory;
/// <see cref="LedgerHostOptions"/> switches clustering (Redis, Kubernetes) and storage.
/// </summary>
public static class LedgerHost
{
    public static WebApplication Build(LedgerHostOptions options)
    {
        // Ingest blocks pool threads (Microsoft.Data.Sqlite's I/O is synchronous; batch signature checks fill the cores); with
        // the default minimum of one thread per core a read waits for the pool's slow thread injection (about 0.5 s a thread).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8 * Environment.ProcessorCount), io);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.HttpPort}");
        // A graceful stop that has not finished in 10 s ends like a crash, which the log is built to survive (every
        // append is durable before it is answered): under heavy load a silo's stop could otherwise hold Ctrl+C for the
        // default 30 s and more.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // Orleans and Polly log every placement at Information; keep the console for what an operator must see.
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
        // The watchdog measures from process start on its first check and warns of a phantom stall once.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", options.Verbose ? LogLevel.Warning : LogLevel.Error);
        if (options.QuietOnStandardError) builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.Configure<LedgerOptions>(o =>
        {
            o.ShardCount = options.ShardCount;
            o.BoardRowsInMemory = options.BoardRowsInMemory;
            if (options.Storage == StorageKind.Sqlite) o.BoardSpillDirectory = Path.Combine(options.DataDirectory, "board-rows");
        });
        if (options.MaxRecordBytes < 1 || options.MaxRecordBytes > GatewayOptions.LargestMaxRecordBytes)
            throw new ArgumentException($"the record limit must be between 1 byte and {GatewayOptions.LargestMaxRecordBytes / (1024 * 1024)} MiB, got {options.MaxRecordBytes} bytes");
        if (options.MaxCheckpointAge <= TimeSpan.Zero) throw new ArgumentException($"the maximum checkpoint age must be positive, got {options.MaxCheckpointAge.TotalSeconds} s");
        builder.Services.Configure<GatewayOptions>(g => (g.RecordsPerSecondPerKey, g.MaxRecordBytes, g.MaxCheckpointAge) =
            (options.RecordsPerSecondPerKey, options.MaxRecordBytes, options.MaxCheckpointAge));
        // Each route that reads a body holds it to its own limit and never buffers past it (BodyReader, NdjsonLineReader). No
        // limit at Kestrel's level: over one, Kestrel closes the connection instead of draining the unread rest, so a client
        // still uploading would see a broken pipe, never the 413 it was sent.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        // A query value that does not bind throws, so ApiErrorResponses answers it with `{error, detail}` instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<SubmissionRateLimiter>();
        builder.Services.AddSingleton<GatewayCounters>();
        builder.Services.AddSingleton(new ReproducibleModels(options.FixturesDirectory));
        builder.Services.AddSingleton<Grains.Reproduction.ReproductionSlots>();
        builder.Services.AddSingleton<LeaderboardFeed>();
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            // The contract's shapes come from its source-generated context; its names and number handling hold for the rest.
            j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            j.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            j.SerializerOptions.TypeInfoResolverChain.Insert(0, LedgerApiJson.Default);
        });
        builder.Services.AddOpenApi(o => o.AddLedgerContract());

        if (options.WitnessPolicy is not null && !Core.Notes.WitnessPolicy.TryParse(options.WitnessPolicy, out _, out var policyError))
            throw new ArgumentException($"witness policy: {policyError}");
        var attestors = options.Attestors.Select(text => Core.Notes.NoteVerifierKey.TryParse(text.Trim(), out var key, out var error) ? key
            : throw new ArgumentException($"attestor '{text}' is not a verifier key (name+hash+base64): {error}")).ToList();
        builder.Services.Configure<WitnessingOptions>(w =>
        {
            w.PolicyText = options.WitnessPolicy;
            w.Attestors.AddRange(attestors);
            foreach (var (name, keyFile) in options.HostedWitnesses) w.HostedWitnesses[name] = keyFile;
        });
        options.ConfigureTestServices?.Invoke(builder.Services);

        builder.Services.AddLedgerStorage(options);
        // Hosted services start in order: the store is held to the log's invariants before the silo starts.
        builder.Services.AddSingleton(StoreDescription.Of(options));
        builder.Services.AddHostedService<LogInvariantsStartup>();
        builder.UseOrleans(silo => silo.UseLedgerClustering(options));
        // After the silo (hosted services start in order): resume reproduction where the log says it stopped.
        builder.Services.AddHostedService<ReproductionStartup>();

        var app = builder.Build();
        // Failures of ours (exceptions) become 503/500 {error, detail}; framework refusals without a body get one.
        app.UseFailureResponses();
        app.UseMiddleware<ApiErrorResponses>();
        app.MapRecordEndpoints().MapEeeEndpoints().MapShardEndpoints().MapBenchmarkEndpoints().MapAuditEndpoints().MapLeaderboardEndpoints().MapHealthEndpoints()
            .MapExportEndpoints().MapPageEndpoints().MapMetricsEndpoints();
        app.MapWitnessEndpoints();
        app.MapOpenApi(OpenApiContract.Path);
        return app;
    }
}
