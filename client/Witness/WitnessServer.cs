using LedgerCluster.Core.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LedgerCluster.Client.Witness;

/// <summary>
/// A stand-alone tlog-witness over HTTP (`ledger witness serve`): `POST /add-checkpoint`, answered by a
/// <see cref="DurableWitness"/> over its own state directory; `GET /` gives its verifier key.
/// </summary>
public static class WitnessServer
{
    public static WebApplication Build(DurableWitness witness, string host, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://{host}:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = AddCheckpointRequest.MaxBodyBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/add-checkpoint", async (HttpRequest request, CancellationToken cancel) =>
        {
            var body = new MemoryStream();
            try { await request.Body.CopyToAsync(body, cancel); }
            catch (BadHttpRequestException) { return Answer(WitnessResponse.Error(400, $"request body is over the limit of {AddCheckpointRequest.MaxBodyBytes} bytes")); }
            return Answer(witness.AddCheckpoint(body.GetBuffer().AsSpan(0, (int)body.Length)));
        });
        app.MapGet("/", () => Results.Text(witness.VerifierKey + "\n", "text/plain; charset=utf-8"));
        return app;
    }

    private static IResult Answer(WitnessResponse response) => Results.Text(response.Body, response.ContentType, statusCode: response.Status);
}
