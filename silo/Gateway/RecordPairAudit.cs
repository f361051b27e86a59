using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// The paired audit of two logged records, or why there is none (with its status): the one place `/v1/audit/paired`,
/// `/v1/compare` and the `/compare` page read two records and audit them, so they cannot disagree.
/// </summary>
public sealed record RecordPairAudit(PairedAuditResult? Result, RunRecord? A, RunRecord? B, ApiError? Refusal, int Status)
{
    /// <summary>Reads both records and audits them (A = <paramref name="a"/>, B = <paramref name="b"/>).</summary>
    /// <param name="requireSharedItems">Refuse with 422 when no item was scored by both (an audit of nothing is no comparison).</param>
    /// <param name="modelLabels">Label the sides by model name and version (for readers) instead of "A" and "B".</param>
    public static async Task<RecordPairAudit> RunAsync(IGrainFactory grains, string? a, string? b, long seed, bool requireSharedItems, bool modelLabels)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
            return Refused(StatusCodes.Status400BadRequest, "missing_parameter", "give both records: ?a={record id}&b={record id}");
        foreach (var id in new[] { a, b })
            if (!Hex.IsLowerHex(id, 32))
                return new RecordPairAudit(null, null, null, RecordEndpoints.BadIdError(id), StatusCodes.Status400BadRequest);
        var records = new List<RunRecord>(2);
        foreach (var id in new[] { a, b })
        {
            var view = await grains.GetGrain<IRunRecordGrain>(id).Get();
            if (view is null) return Refused(StatusCodes.Status404NotFound, "not_found", $"no record {id} in the log");
            records.Add(RunRecord.Parse(view.RecordJson));
        }
        var result = PairedAudit.Run(
            PairedInput.FromRecord(records[0], modelLabels ? null : "A"), PairedInput.FromRecord(records[1], modelLabels ? null : "B"), seed);
        if (requireSharedItems && result.N == 0)
            return Refused(StatusCodes.Status422UnprocessableEntity, "no_shared_items",
                $"records {a} and {b} share no scored item (task ids): there is nothing to compare item by item");
        return new RecordPairAudit(result, records[0], records[1], null, StatusCodes.Status200OK);
    }

    /// <summary>The refusal as the JSON `{error, detail}` answer.</summary>
    public IResult RefusalResult() => (Refusal ?? throw new InvalidOperationException("the audit was not refused")).ToResult(Status);

    private static RecordPairAudit Refused(int status, string error, string detail) => new(null, null, null, new ApiError(error, detail), status);
}
