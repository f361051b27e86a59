using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// What the gateway takes in: only bytes it can serve back (no byte order mark), one size limit per record whatever the
/// route, and batches read a line at a time (any size, each line answered in order).
/// </summary>
public sealed class RecordIntakeTests
{
    // Configured (`ledger serve --max-record-mib 1`), so the limit tested is the one the node was given, not a constant.
    private const int RecordLimit = 1024 * 1024;

    [Fact]
    public async Task A_record_with_a_byte_order_mark_is_refused_on_both_routes_and_nothing_is_logged()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(key, 1);
        var withBom = "\uFEFF"u8.ToArray().Concat(TestRecords.Bytes(record)).ToArray();
        using var http = new HttpClient();

        var single = await http.PostAsync($"{node.Url}/v1/records", new ByteArrayContent(withBom));
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        using (var error = JsonDocument.Parse(await single.Content.ReadAsStringAsync()))
        {
            Assert.Equal("malformed_json", error.RootElement.GetProperty("error").GetString());
            Assert.Contains("byte order mark", error.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var batch = await node.Client.SubmitNdjsonAsync(withBom.Where(b => b != (byte)'\n').Append((byte)'\n').ToArray());
        Assert.Equal(400, Assert.Single(batch).Status);
        Assert.Equal("malformed_json", batch[0].Error);
        Assert.Equal(0, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{node.Url}/v1/records/{record.Id}")).StatusCode);

        // The same record without the mark is logged and served back.
        Assert.Equal(200, (await node.Client.SubmitAsync(TestRecords.Bytes(record))).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{node.Url}/v1/records/{record.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_record_over_the_limit_is_refused_alone_in_a_batch_as_on_the_single_route()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path, configure: o => o.MaxRecordBytes = RecordLimit);
        using var key = Ed25519KeyPair.Generate();
        var first = TestRecords.Bytes(TestRecords.Make(key, 1)).Where(b => b != (byte)'\n').ToArray();
        var last = TestRecords.Bytes(TestRecords.Make(key, 2)).Where(b => b != (byte)'\n').ToArray();
        // A syntactically whole record string of one byte over the limit: only its size can refuse it.
        var huge = Encoding.ASCII.GetBytes("{\"pad\": \"" + new string('x', RecordLimit - 10) + "\"}");
        Assert.Equal(RecordLimit + 1, huge.Length);

        using var http = new HttpClient();
        var single = await http.PostAsync($"{node.Url}/v1/records", new ByteArrayContent(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, single.StatusCode);
        using var refusal = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        Assert.Equal("too_large", refusal.RootElement.GetProperty("error").GetString());
        Assert.Contains($"{RecordLimit} bytes", refusal.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var body = first.Append((byte)'\n').Concat(huge).Append((byte)'\n').Concat(last).Append((byte)'\n').ToArray();
        var results = await node.Client.SubmitNdjsonAsync(body);
        Assert.Equal([200, 413, 200], results.Select(r => r.Status));
        Assert.Equal("too_large", results[1].Error);
        Assert.Contains("line 2", results[1].Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
    }

    [Fact]
    public async Task A_chunked_batch_of_many_chunks_is_answered_line_by_line_in_order()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        const int count = 2500;
        var records = Enumerable.Range(0, count).Select(n => TestRecords.Make(key, n + 1000)).ToArray();
        var lines = records.Select(r => TestRecords.Bytes(r).Where(b => b != (byte)'\n').ToArray()).ToArray();
        lines[1500] = "{\"oops\": "u8.ToArray();

        // No Content-Length: the body is sent chunked, as a client streaming a file of unknown size does.
        using var content = new StreamContent(new NoLengthStream(lines.SelectMany(l => l.Append((byte)'\n')).ToArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{node.Url}/v1/records:batch", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        Assert.Equal(count, answers.Length);
        for (var i = 0; i < count; i++)
        {
            if (i == 1500)
            {
                Assert.Equal(400, answers[i].GetProperty("status").GetInt32());
                Assert.StartsWith("line 1501:", answers[i].GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
            else Assert.Equal(records[i].Id, answers[i].GetProperty("record_id").GetString());
        }
        Assert.Equal(count - 1, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
    }
}
