namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// What an endpoint answers, for the OpenAPI document (`GET /openapi.json`): its success type and the `{error, detail}`
/// refusals it can give. Every endpoint may also answer 503 when the cluster or its storage fails.
/// </summary>
public static class ContractMetadata
{
    public const string Json = "application/json";
    public const string Text = "text/plain";
    public const string Ndjson = "application/x-ndjson";
    public const string Markdown = "text/markdown";

    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable).Distinct())
            endpoint.Produces<ApiError>(status, Json);
        return endpoint;
    }

    public static RouteHandlerBuilder AnswersText(this RouteHandlerBuilder endpoint, string contentType, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<string>(status, contentType);
}
