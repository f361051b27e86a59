namespace LedgerCluster.Client.Gateway;

/// <summary>
/// The URL answers, but not as a LedgerCluster gateway (a web page, another API, a 404 from another server): the message
/// is one line naming what `GET /v1/shards` answered there.
/// </summary>
public sealed class NotALedgerGatewayException(string message) : Exception(message);
