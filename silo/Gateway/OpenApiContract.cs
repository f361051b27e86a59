using Microsoft.AspNetCore.OpenApi;

namespace LedgerCluster.Silo.Gateway;

/// <summary>The gateway's OpenAPI document, served at <see cref="Path"/> from the endpoints' own metadata.</summary>
public static class OpenApiContract
{
    public const string Path = "/openapi.json";

    public static OpenApiOptions AddLedgerContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LedgerCluster gateway";
            document.Info.Description = "FORMATS.md section 6. Every refusal is {error, detail}; a failure of the cluster or its storage is 503.";
            return Task.CompletedTask;
        });
        return options;
    }
}
