using System.Net;

namespace LedgerCluster.Client.Gateway;

/// <summary>A gateway answered with an error: its status and `{error, detail}` body.</summary>
public sealed class GatewayException(HttpStatusCode status, string error, string detail)
    : Exception($"{(int)status} {error}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
    public string Error { get; } = error;
    public string Detail { get; } = detail;
}
