namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// Gives the refusals the framework answers by itself the same `{error, detail}` body as ours: a query value that does
/// not bind (400, with <c>RouteHandlerOptions.ThrowOnBadRequest</c>), Kestrel's body-size limit (413), no such route
/// (404), a wrong method (405), and any other error status a handler set without a body.
/// </summary>
public sealed class ApiErrorResponses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await WriteAsync(http, e.StatusCode, e.Message);
            return;
        }
        var response = http.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await WriteAsync(http, response.StatusCode, Detail(http));
    }

    private static Task WriteAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        return new ApiError(Code(status), detail).ToResult(status).ExecuteAsync(http);
    }

    private static string Code(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request_timeout",
        StatusCodes.Status411LengthRequired => "length_required",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers_too_large",
        _ => $"http_{status}",
    };

    private static string Detail(HttpContext http)
    {
        var request = http.Request;
        var path = Clip(request.Path.Value ?? "/");
        return http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no endpoint {request.Method} {path} (FORMATS.md section 6 lists the API)",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}; allowed: {http.Response.Headers.Allow}",
            var status => $"{request.Method} {path} answered {status}",
        };
    }

    private static string Clip(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
