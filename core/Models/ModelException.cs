using System.Net;

namespace LedgerCluster.Core.Models;

/// <summary>A model call or model definition that failed; the message says which provider, what and where.</summary>
public sealed class ModelException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status of the final failed attempt, when the failure was an HTTP error response.</summary>
    public HttpStatusCode? Status { get; } = status;
}
