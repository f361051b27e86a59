using System.Text.Json;
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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.HttpPort}");
        var gateway = new GatewayOptions();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = gateway.MaxBatchBytes);
        // Orleans and Polly log every placement at Information; keep the console for what an operator must see.
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
        // The watchdog measures from process start on its first check and warns of a phantom stall once.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", options.Verbose ? LogLevel.Warning : LogLevel.Error);
        if (options.QuietOnStandardError) builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.Configure<LedgerOptions>(o => o.ShardCount = options.ShardCount);
        builder.Services.Configure<GatewayOptions>(g => g.RecordsPerSecondPerKey = options.RecordsPerSecondPerKey);
        builder.Services.AddSingleton<SubmissionRateLimiter>();
        builder.Services.AddSingleton<GatewayCounters>();
        builder.Services.AddSingleton(new ReproducibleModels(options.FixturesDirectory));
        builder.Services.AddSingleton<Grains.Reproduction.ReproductionSlots>();
        builder.Services.AddSingleton<LeaderboardFeed>();
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

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
        app.UseShardInconsistentResponses();
        app.MapRecordEndpoints().MapShardEndpoints().MapBenchmarkEndpoints().MapAuditEndpoints().MapLeaderboardEndpoints().MapHealthEndpoints()
            .MapExportEndpoints().MapPageEndpoints().MapMetricsEndpoints();
        app.MapWitnessEndpoints();
        return app;
    }
}
