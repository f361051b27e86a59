using System.Globalization;

namespace LedgerCluster.Core.Witness;

/// <summary>One HTTP answer of the tlog-witness protocol: status, body and content type, exactly as sent.</summary>
public sealed record WitnessResponse(int Status, string Body, string ContentType)
{
    /// <summary>The content type of a 409 body (the witness's latest size).</summary>
    public const string SizeContentType = "text/x.tlog.size";

    public const string TextContentType = "text/plain; charset=utf-8";

    public static WitnessResponse Cosigned(string lines) => new(200, lines, TextContentType);

    public static WitnessResponse Conflict(ulong latestSize) => new(409, latestSize.ToString(CultureInfo.InvariantCulture) + "\n", SizeContentType);

    public static WitnessResponse Error(int status, string reason) => new(status, reason + "\n", TextContentType);
}
