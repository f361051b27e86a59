using System.Globalization;
using System.Text;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Records.Items;
using LedgerCluster.Core.Verification;
using LedgerCluster.GrainInterfaces;
using static LedgerCluster.Api.Rendering.Html;

namespace LedgerCluster.Silo.Page;

/// <summary>
/// One record's evidence, for people: the checks a verifier would run (against the proof this node serves), its log
/// position, the checkpoint with its cosignatures, attestations, the cluster's reproduction outcome, and the
/// `.tlog-proof` to download and check offline, and the run itself: its items, paged, filtered and searched (<see cref="RecordItemsSection"/>).
/// </summary>
public static class RecordPage
{
    private static readonly Lazy<string> Style = new(() => Embedded("leaderboard.css"));

    /// <param name="policyText">The cluster's witness policy (tlog-policy), or null when it has none.</param>
    /// <param name="items">The page of per-item results the query asked for (see <see cref="RecordItems"/>).</param>
    public static string Render(RecordView view, TlogProof proof, string logVerifierKey, string? policyText, ItemQuery items)
    {
        var record = RunRecord.Parse(view.RecordJson);
        var body = record.Body;
        // The checks an offline verifier holding this node's policy would run; the policy names witnesses, the log key is added.
        var policy = policyText is null || policyText.Contains(logVerifierKey, StringComparison.Ordinal) ? policyText : $"log {logVerifierKey}\n{policyText}";
        var checks = RecordVerifier.Verify(record, new VerificationInputs { ProofText = proof.Format(), LogVerifierKey = logVerifierKey, PolicyText = policy }).Checks
            .Where(c => c.Name != CheckNames.Reproduction)
            .Select(c => c.Name == CheckNames.Witnesses && policy is null ? c with { Detail = "this node has no witness policy" } : c)
            .ToList();
        var interval = WilsonInterval.Of((int)body.Aggregate.Passed, (int)body.Aggregate.NumTasks);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Record {E(record.Id[..12])}… · LedgerCluster</title><style>{Style.Value}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<header><p class=\"sub\"><a href=\"/\">← Trust leaderboard</a></p><h1>{E(body.Model.Provider)}:{E(body.Model.Name)} on {E(body.Benchmark.Id)}@{E(body.Benchmark.Version)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\"><span class=\"badge {E(view.Tier)}\" id=\"tier\">{E(view.Tier)}</span> · accuracy {Percent(body.Aggregate.Accuracy)} ");
        html.Append(CultureInfo.InvariantCulture, $"({body.Aggregate.Passed} of {body.Aggregate.NumTasks}; 95% Wilson {Percent(interval.Lower)} to {Percent(interval.Upper)})</p></header><main>");

        html.Append("<dl class=\"facts\">");
        Fact(html, "record id", record.Id, mono: true);
        Fact(html, "signer", record.Envelope.Signer ?? "(none)");
        Fact(html, "public key", record.Signature.PublicKey, mono: true);
        Fact(html, "created", record.Envelope.CreatedAt);
        Fact(html, "model", $"{body.Model.Provider}:{body.Model.Name} version {body.Model.Version}");
        Fact(html, "benchmark", $"{body.Benchmark.Id}@{body.Benchmark.Version} ({body.Benchmark.ContentHash})");
        Fact(html, "scorer", body.Aggregate.Scorer);
        Fact(html, "log position", $"shard {view.Position.Shard}, index {view.Position.Index}");
        html.Append("</dl>");

        RecordItemsSection.Render(html, record.Id, RecordItems.Page(body, items));

        html.Append("<h2>Checks</h2><div class=\"scroll\"><table id=\"checks\"><thead><tr><th>check</th><th>result</th><th>detail</th></tr></thead><tbody>");
        foreach (var check in checks) CheckRow(html, check.Name, check.StatusText, check.Detail);
        CheckRow(html, CheckNames.Reproduction, view.Reproduction switch
        {
            null => "skipped",
            { Reproduced: true } => "ok",
            _ => "FAILED",
        }, view.Reproduction is { } r ? $"{r.Detail} (re-run by the cluster, {r.CheckedAt})" : "not re-run by the cluster (only echo and fixture models are)");
        html.Append("</tbody></table></div>");

        html.Append(CultureInfo.InvariantCulture, $"<h2>Inclusion proof</h2><p><a class=\"button\" id=\"proof\" href=\"/v1/records/{E(record.Id)}/proof\" download=\"{E(record.Id)}.tlog-proof\">Download .tlog-proof</a> ");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"sub\">check it offline: <code>ledger verify record.json --proof {E(record.Id[..12])}….tlog-proof --vkey {E(logVerifierKey)}</code></span></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">leaf index {proof.Index}, {proof.Hashes.Count} hashes, log key <span class=\"mono\">{E(logVerifierKey)}</span></p>");

        html.Append("<h2>Checkpoint</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<pre id=\"checkpoint\">{E(proof.Checkpoint.Format())}</pre>");
        html.Append("<h2>Cosignatures</h2><div class=\"scroll\"><table id=\"cosignatures\"><thead><tr><th>signer</th><th>key id</th><th>role</th></tr></thead><tbody>");
        var origin = proof.CheckpointBody.Origin;
        foreach (var signature in proof.Checkpoint.Signatures)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{E(signature.Name)}</td><td class=\"mono\">{signature.KeyId:x8}</td><td>{(signature.Name == origin ? "log" : "witness")}</td></tr>");
        html.Append("</tbody></table></div>");

        // The paired audit against another record of the same items (GET /compare); this record is A.
        html.Append("<h2>Compare</h2><form id=\"compare\" method=\"get\" action=\"/compare\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"a\" value=\"{E(record.Id)}\">");
        html.Append("<label>paired audit against record <input name=\"b\" class=\"mono\" size=\"66\" required pattern=\"[0-9a-f]{64}\" placeholder=\"another record id (64 hex)\"></label> ");
        html.Append("<button class=\"button\" type=\"submit\">Compare</button></form>");

        html.Append("<h2>Attestations</h2>");
        if (view.Attestations.Length == 0) html.Append("<p class=\"sub\" id=\"attestations\">No other party has attested this record yet.</p>");
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"attestations\"><thead><tr><th>statement</th><th>key</th><th>received</th></tr></thead><tbody>");
            foreach (var a in view.Attestations)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"badge {E(a.Statement)}\">{E(a.Statement)}</span></td><td class=\"mono\">{E(a.PublicKey)}</td><td>{E(a.ReceivedAt)}</td></tr>");
            html.Append("</tbody></table></div>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<footer><a href=\"/v1/records/{E(record.Id)}\">record JSON</a> · <a href=\"/\">leaderboard</a></footer></main></body></html>");
        return html.ToString();
    }

    /// <summary>A small page for an unknown or malformed record id.</summary>
    public static string Message(string title, string detail) =>
        $"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)}</title><style>{Style.Value}</style></head>" +
        $"<body><header><p class=\"sub\"><a href=\"/\">← Trust leaderboard</a></p><h1>{E(title)}</h1><p class=\"sub\">{E(detail)}</p></header></body></html>";

    private static void Fact(StringBuilder html, string name, string value, bool mono = false) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{E(name)}</dt><dd{(mono ? " class=\"mono\"" : "")}>{E(value)}</dd>");

    private static void CheckRow(StringBuilder html, string name, string status, string detail)
    {
        var css = status switch { "ok" => "ok", "FAILED" => "failed", _ => "skipped" };
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td><span class=\"badge {css}\">{E(status)}</span></td><td>{E(detail)}</td></tr>");
    }
}
