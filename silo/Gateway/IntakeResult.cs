using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// A submitted record after validation: either ready for its shard (with the signer's key, for the rate limit), or
/// refused with a status and reason. The parsed record itself is not kept: a batch holds thousands of these while its
/// shards commit, and the parse tree would outlive the young generation for nothing.
/// </summary>
public sealed record IntakeResult(LogAppend? Entry, string? PublicKey, int Status, ApiError? Error)
{
    public static IntakeResult Accepted(LogAppend entry, string publicKey) => new(entry, publicKey, StatusCodes.Status200OK, null);
    public static IntakeResult Rejected(int status, string error, string detail) => new(null, null, status, new ApiError(error, detail));
}
