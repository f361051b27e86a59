namespace LedgerCluster.Silo.Gateway;

/// <summary>The error body of every 4xx/5xx: `{error, detail}`; `error` is a stable code, `detail` names the problem.</summary>
public sealed record ApiError(string Error, string Detail)
{
    public IResult ToResult(int status) => Results.Json(this, statusCode: status);
}
