using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A submitted record after validation: either ready for its shard, or refused with a status and reason.</summary>
public sealed record IntakeResult(LogAppend? Entry, RunRecord? Record, int Status, ApiError? Error)
{
    public static IntakeResult Accepted(LogAppend entry, RunRecord record) => new(entry, record, StatusCodes.Status200OK, null);
    public static IntakeResult Rejected(int status, string error, string detail) => new(null, null, status, new ApiError(error, detail));
}
