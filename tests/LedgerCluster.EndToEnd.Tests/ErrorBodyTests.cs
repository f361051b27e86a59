using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Every refusal is `{error, detail}`, including the ones ASP.NET Core answers by itself: walks every route the node maps
/// and sends it a wrong method and, for each typed query parameter, a value that does not bind; plus an unknown path and
/// a body over Kestrel's limit.
/// </summary>
public sealed class ErrorBodyTests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    [Fact]
    public async Task Every_route_refuses_a_wrong_method_and_an_unbindable_query_value_with_an_error_body()
    {
        using var dir = new TempDirectory();
        // An 8 MiB record limit (`--max-record-mib 8`), so a 9 MiB chunked body is over it without sending the 64 MiB default.
        await using var node = await EmbeddedNode.StartAsync(dir.Path, configure: o => o.MaxRecordBytes = 8 * 1024 * 1024);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var routes = node.Endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null).ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found");
        var badQueries = 0;
        foreach (var route in routes)
        {
            var path = Path(route.RoutePattern);
            var allowed = route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods;
            // Another route may take the same path with that method (e.g. GET and POST /v1/records/{id}/...): only a method no route of the path takes.
            var others = routes.Where(r => Path(r.RoutePattern) == path).SelectMany(r => r.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods).ToHashSet();
            var wrong = Methods.First(m => !others.Contains(m));
            await AssertErrorBody(http, new HttpRequestMessage(new HttpMethod(wrong), node.Url + path), HttpStatusCode.MethodNotAllowed, $"{wrong} {route.RoutePattern.RawText}");

            var handler = route.Metadata.GetMetadata<MethodInfo>();
            var routeNames = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in handler?.GetParameters() ?? [])
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (!type.IsPrimitive || routeNames.Contains(parameter.Name!)) continue;
                foreach (var value in new[] { "abc", "1e99" })
                {
                    var url = $"{node.Url}{path}?{parameter.Name}={value}";
                    await AssertErrorBody(http, new HttpRequestMessage(new HttpMethod(allowed[0]), url), HttpStatusCode.BadRequest, $"{allowed[0]} {url}");
                    badQueries++;
                }
            }
        }
        // The proofs' index/size/from/to, the audit's seed and the submission's wait at least.
        Assert.True(badQueries >= 12, $"only {badQueries} unbindable query values tried");

        await AssertErrorBody(http, new HttpRequestMessage(HttpMethod.Get, node.Url + "/v1/no-such-thing"), HttpStatusCode.NotFound, "unknown path");
        var big = new HttpRequestMessage(HttpMethod.Post, node.Url + "/v1/benchmarks") { Content = new StreamContent(new NoLengthStream(new byte[9 * 1024 * 1024])) };
        await AssertErrorBody(http, big, HttpStatusCode.RequestEntityTooLarge, "a chunked body over the limit");
    }

    private static string Path(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var path = pattern.RawText!;
        foreach (var parameter in pattern.Parameters)
            path = path.Replace("{" + parameter.Name + "}", parameter.Name == "n" ? "0" : new string('a', 64), StringComparison.Ordinal);
        return path.StartsWith('/') ? path : "/" + path;
    }

    private static async Task AssertErrorBody(HttpClient http, HttpRequestMessage request, HttpStatusCode status, string what)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {text}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{what}: content type {response.Content.Headers.ContentType}, body '{text}'");
            using var json = JsonDocument.Parse(text);
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()), what);
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()), what);
        }
    }
}
