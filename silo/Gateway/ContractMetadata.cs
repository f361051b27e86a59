using Microsoft.OpenApi;

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
    public const string OctetStream = "application/octet-stream";

    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable).Distinct())
            endpoint.Produces<ApiError>(status, Json);
        return endpoint;
    }

    public static RouteHandlerBuilder AnswersText(this RouteHandlerBuilder endpoint, string contentType, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<string>(status, contentType);

    /// <summary>A binary answer (tlog tiles), declared as a byte string.</summary>
    public static RouteHandlerBuilder AnswersBytes(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<byte[]>(status, OctetStream);

    /// <summary>
    /// A second representation of a status already declared (`?format=md` beside the JSON): endpoint metadata holds one
    /// type per status, so the text one is added to the document directly.
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswersText(this RouteHandlerBuilder endpoint, string contentType, int status = StatusCodes.Status200OK) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var response = operation.Responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] as OpenApiResponse
                ?? throw new InvalidOperationException($"declare the {status} answer before its text alternative");
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            return Task.CompletedTask;
        });

    /// <summary>
    /// A second representation of a status already declared whose JSON follows a schema kept outside this document (an
    /// Every Eval Ever sidecar beside its aggregate): declared open, as <see cref="Takes"/> declares JSON bodies.
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswersOpenJson(this RouteHandlerBuilder endpoint, string contentType, int status = StatusCodes.Status200OK) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var response = operation.Responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] as OpenApiResponse
                ?? throw new InvalidOperationException($"declare the {status} answer before its alternative");
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema() };
            return Task.CompletedTask;
        });

    /// <summary>
    /// The request body the endpoint reads by hand (bounded, streamed), for the document only: `Accepts` metadata would also
    /// make routing refuse other content types with 415, where the gateway reads the bytes whatever the header says.
    /// </summary>
    public static RouteHandlerBuilder Takes(this RouteHandlerBuilder endpoint, string contentType, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true, Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new() { Schema = contentType == Json ? new OpenApiSchema() : new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>An NDJSON answer whose every line is a <typeparamref name="TLine"/> or a <typeparamref name="TRefusal"/>.</summary>
    public static RouteHandlerBuilder AnswersLines<TLine, TRefusal>(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<TLine>(StatusCodes.Status200OK, Ndjson).AddOpenApiOperationTransformer(async (operation, context, cancel) =>
        {
            var document = context.Document ?? throw new InvalidOperationException("no OpenAPI document to hold the line schemas");
            var schemas = new List<IOpenApiSchema>();
            foreach (var type in new[] { typeof(TLine), typeof(TRefusal) })
            {
                if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
                    document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancel));
                schemas.Add(new OpenApiSchemaReference(type.Name, document));
            }
            var response = (OpenApiResponse)operation.Responses!["200"];
            response.Content![Ndjson] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = schemas } };
        });
}
