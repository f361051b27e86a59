namespace LedgerCluster.Silo.Gateway;

/// <summary>An <see cref="ApiError"/> as the HTTP answer: `{error, detail}` with its status.</summary>
public static class ApiErrorResults
{
    public static IResult ToResult(this ApiError error, int status) => Results.Json(error, LedgerApiJson.Wire.ApiError, statusCode: status);
}
