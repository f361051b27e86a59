using System.Net;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`GET /v1/compare` and `GET /compare` on records of the case study's real logs (issue 15, item 4).</summary>
public sealed class CompareEndpointTests
{
    private static readonly string Missing = new('0', 64);

    [CaseStudyFact]
    public async Task Compare_shows_the_case_study_pair_as_no_significant_difference_with_b_29_and_c_27()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (instruct, winner) = (CaseStudyRecords.Instruct(key), CaseStudyRecords.Winner(key));
        foreach (var record in new[] { instruct, winner }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        var json = (JObject)JsonParser.Parse(await http.GetStringAsync($"/v1/compare?a={instruct.Id}&b={winner.Id}"));
        Assert.Equal(199, Integer(json, "n"));
        Assert.Equal(29, Integer(json, "b_only_a")); // only Instruct right
        Assert.Equal(27, Integer(json, "c_only_b")); // only the winner right
        Assert.Equal(0.894, ((JFloat)json["mcnemar_exact_p"]!).Value, 3);
        Assert.Equal(0.791, ((JFloat)json["mcnemar_midp"]!).Value, 3);
        Assert.Equal("NoSignificantDifference", ((JString)json["verdict_kind"]!).Value);
        Assert.Equal(instruct.Id, ((JString)json["record_a"]!).Value);
        Assert.StartsWith("<svg", ((JString)json["chart_svg"]!).Value, StringComparison.Ordinal);
        // The same statistics as /v1/audit/paired: one audit, two views.
        var audit = (JObject)JsonParser.Parse(await http.GetStringAsync($"/v1/audit/paired?a={instruct.Id}&b={winner.Id}"));
        foreach (var field in new[] { "b_only_a", "c_only_b", "mcnemar_exact_p", "mcnemar_midp", "accuracy_a", "diff", "verdict" })
            Assert.Equal(CanonicalJson.Serialize(audit[field]!), CanonicalJson.Serialize(json[field]!));

        var page = await http.GetStringAsync($"/compare?a={instruct.Id}&b={winner.Id}");
        Assert.Contains("<table id=\"paired-table\">", page, StringComparison.Ordinal);
        Assert.Contains("<td id=\"only-a\">29 (b)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td id=\"only-b\">27 (c)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td id=\"exact-p\">0.894</td>", page, StringComparison.Ordinal);
        Assert.Contains("No significant difference", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"benchmark-warning\"", page, StringComparison.Ordinal); // same items, same benchmark
        // Self-contained: nothing is fetched from elsewhere.
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);

        // The record page offers the comparison.
        var recordPage = await http.GetStringAsync($"/records/{instruct.Id}");
        Assert.Contains("action=\"/compare\"", recordPage, StringComparison.Ordinal);
        Assert.Contains($"name=\"a\" value=\"{instruct.Id}\"", recordPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_refuses_a_missing_or_malformed_id_an_unknown_record_and_records_without_shared_items()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (first, second) = (TestRecords.Make(key, 1), TestRecords.OneItem(key, "other-item"));
        foreach (var record in new[] { first, second }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        foreach (var (query, status, error) in new[]
        {
            ($"a={first.Id}", HttpStatusCode.BadRequest, "missing_parameter"),
            ($"a={first.Id}&b=", HttpStatusCode.BadRequest, "missing_parameter"),
            ($"a={first.Id}&b=XYZ", HttpStatusCode.BadRequest, "bad_record_id"),
            ($"a={first.Id}&b={Missing}", HttpStatusCode.NotFound, "not_found"),
            ($"a={first.Id}&b={second.Id}", HttpStatusCode.UnprocessableEntity, "no_shared_items"),
        })
        {
            using var json = await http.GetAsync($"/v1/compare?{query}");
            Assert.Equal(status, json.StatusCode);
            var body = (JObject)JsonParser.Parse(await json.Content.ReadAsStringAsync());
            Assert.Equal(error, ((JString)body["error"]!).Value);
            Assert.False(string.IsNullOrEmpty(((JString)body["detail"]!).Value));
            using var page = await http.GetAsync($"/compare?{query}");
            Assert.Equal(status, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_compare_page_escapes_every_record_field()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (plain, hostile) = (TestRecords.OneItem(key, "t0"), TestRecords.OneItem(key, "t0", "<script>alert(1)</script>"));
        foreach (var record in new[] { plain, hostile }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        var page = await http.GetStringAsync($"/compare?a={plain.Id}&b={hostile.Id}");
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    private static long Integer(JObject json, string field) => (long)((JInteger)json[field]!).Value;
}
