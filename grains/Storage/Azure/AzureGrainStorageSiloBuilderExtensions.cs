using LedgerCluster.Grains.Storage.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Registers <see cref="AzureTableGrainStorage"/> the way Orleans registers its own providers (notes §1.4), under our own names.</summary>
public static class AzureGrainStorageSiloBuilderExtensions
{
    public static ISiloBuilder AddLedgerAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configure) =>
        builder.ConfigureServices(services => services.AddLedgerAzureTableGrainStorage(name, configure));

    public static ISiloBuilder AddLedgerAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureTableGrainStorageOptions> configure) =>
        builder.AddLedgerAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>With an options builder, e.g. <c>o => o.Configure&lt;Serializer&gt;((options, serializer) => ...)</c> to use services.</summary>
    public static ISiloBuilder AddLedgerAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>> configure) =>
        builder.ConfigureServices(services => services.AddLedgerAzureTableGrainStorage(name, configure));

    public static IServiceCollection AddLedgerAzureTableGrainStorage(this IServiceCollection services, string name, Action<AzureTableGrainStorageOptions> configure) =>
        services.AddLedgerAzureTableGrainStorage(name, builder => builder.Configure(configure));

    public static IServiceCollection AddLedgerAzureTableGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>> configure)
    {
        configure(services.AddOptions<AzureTableGrainStorageOptions>(name));
        services.AddTransient<IConfigurationValidator>(sp =>
            new AzureTableGrainStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name), name));
        services.AddTransient<IPostConfigureOptions<AzureTableGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<AzureTableGrainStorageOptions>>();
        return services.AddGrainStorage(name, (sp, key) => ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(sp, key,
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(key), sp.GetProviderClusterOptions(key)));
    }
}
