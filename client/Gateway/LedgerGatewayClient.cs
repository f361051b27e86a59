using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Gateway;

/// <summary>A typed client for the HTTP gateway of FORMATS.md section 6.</summary>
public sealed class LedgerGatewayClient(HttpClient http) : IDisposable
{
    /// <summary>Uploads past this size wait for the gateway's go-ahead (one round trip) before sending the body.</summary>
    private const long ExpectContinueFrom = 1024 * 1024;

    /// <summary>A client whose calls wait out a failover or a storage outage (503, connection resets) under <see cref="RetryPolicy.Default"/>.</summary>
    public LedgerGatewayClient(string baseUrl) : this(RetryingHandler.CreateClient(baseUrl, RetryPolicy.Default, TimeSpan.FromMinutes(5))) { }

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Submits one record; a refusal (4xx) comes back as a <see cref="Submission"/> with its error, not an exception.</summary>
    public async Task<Submission> SubmitAsync(byte[] recordJson, bool wait = true, CancellationToken cancel = default)
    {
        using var content = new ByteArrayContent(recordJson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(wait ? "v1/records" : "v1/records?wait=false", content, cancel);
        return await ReadSubmissionAsync(response, cancel);
    }

    /// <summary>
    /// Submits one record file, streamed from disk (never read whole). A large upload first asks the gateway whether it will
    /// take it (`Expect: 100-continue`), so a 413 is read as the answer instead of breaking the upload.
    /// </summary>
    public async Task<Submission> SubmitFileAsync(string path, CancellationToken cancel = default)
    {
        await using var file = RecordFiles.OpenSkippingBom(path);
        // A small record goes from memory, so a failover or a storage outage is waited out (only in-memory bodies are resent).
        if (file.Length - file.Position <= ExpectContinueFrom)
        {
            var bytes = new byte[file.Length - file.Position];
            await file.ReadExactlyAsync(bytes, cancel);
            return await SubmitAsync(bytes, cancel: cancel);
        }
        using var content = new StreamContent(file, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, cancel);
        return await ReadSubmissionAsync(response, cancel);
    }

    // The answer to one submission. Not the API's answer: another server (thrown), or a gateway's unreadable answer,
    // kept as this record's refusal.
    private async Task<Submission> ReadSubmissionAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (TryReadSubmission(text, (int)response.StatusCode) is { } submission) return submission;
        var unexpected = await GatewayIdentity.UnexpectedAnswerAsync(http, "POST /v1/records", response.StatusCode, MediaType(response), text, cancel);
        return unexpected is GatewayException e ? new Submission(null, -1, -1, null, null, [], false, (int)response.StatusCode, e.Error, e.Detail) : throw unexpected;
    }

    /// <summary>Submits record files as one NDJSON batch streamed from disk; results come back in the same order.</summary>
    public async Task<IReadOnlyList<Submission>> SubmitFilesAsync(IReadOnlyList<string> paths, CancellationToken cancel = default)
    {
        using var content = new NdjsonFilesContent(paths);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records:batch") { Content = content };
        request.Headers.ExpectContinue = true;
        return await SendBatchAsync(request, cancel);
    }

    /// <summary>Submits many records as NDJSON; results come back in the same order.</summary>
    public async Task<IReadOnlyList<Submission>> SubmitBatchAsync(IEnumerable<byte[]> records, CancellationToken cancel = default)
    {
        var body = new MemoryStream();
        foreach (var record in records)
        {
            var line = StripNewlines(record);
            body.Write(line);
            body.WriteByte((byte)'\n');
        }
        return await SubmitNdjsonAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancel);
    }

    /// <summary>Submits an NDJSON body as it is (one record per line); results come back in the same order.</summary>
    public async Task<IReadOnlyList<Submission>> SubmitNdjsonAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancel = default)
    {
        using var content = new ReadOnlyMemoryContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records:batch") { Content = content };
        return await SendBatchAsync(request, cancel);
    }

    private async Task<IReadOnlyList<Submission>> SendBatchAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "POST /v1/records:batch", await response.Content.ReadAsStringAsync(cancel), cancel);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        try { return await ReadNdjsonAsync(stream, cancel); }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw await GatewayIdentity.UnexpectedAnswerAsync(http, "POST /v1/records:batch", response.StatusCode, MediaType(response), "lines that are not submission results", cancel);
        }
    }

    // Parses the answer line by line as it arrives, in a pooled buffer: a batch's answer is megabytes, and one
    // string of it (then split) would be several large-object-heap allocations per request.
    private static async Task<List<Submission>> ReadNdjsonAsync(Stream stream, CancellationToken cancel)
    {
        var results = new List<Submission>();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    var target = start > 0 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(start, end - start).CopyTo(target);
                    if (target != buffer) ArrayPool<byte>.Shared.Return(buffer);
                    (buffer, end, start) = (target, end - start, 0);
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancel);
                if (read == 0) break;
                end += read;
                int newline;
                while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                {
                    AddLine(results, buffer.AsMemory(start, newline));
                    start += newline + 1;
                }
            }
            AddLine(results, buffer.AsMemory(start, end - start));
            return results;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AddLine(List<Submission> results, ReadOnlyMemory<byte> line)
    {
        if (line.Span.Trim(" \t\r"u8).IsEmpty) return;
        using var doc = JsonDocument.Parse(line);
        results.Add(ReadSubmission(doc.RootElement, 200));
    }

    /// <summary>The record's `.tlog-proof` text.</summary>
    public Task<string> GetProofAsync(string recordId, CancellationToken cancel = default) => GetTextAsync($"v1/records/{recordId}/proof", cancel);

    public Task<string> GetCheckpointAsync(int shard, CancellationToken cancel = default) => GetTextAsync($"v1/shards/{shard}/checkpoint", cancel);

    public async Task<IReadOnlyList<ShardDescription>> GetShardsAsync(CancellationToken cancel = default) =>
        await GetJsonAsync("v1/shards", LedgerApiJson.Default.ShardDescriptionArray, cancel);

    public async Task<byte[][]> GetConsistencyProofAsync(int shard, long from, long to, CancellationToken cancel = default) =>
        Hashes(await GetJsonAsync($"v1/shards/{shard}/proof/consistency?from={from}&to={to}", LedgerApiJson.Default.ProofHashes, cancel));

    public async Task<byte[][]> GetInclusionProofAsync(int shard, long index, long size, CancellationToken cancel = default) =>
        Hashes(await GetJsonAsync($"v1/shards/{shard}/proof/inclusion?index={index}&size={size}", LedgerApiJson.Default.ProofHashes, cancel));

    /// <summary>Up to <paramref name="count"/> leaves (index, record id) of a shard from <paramref name="from"/>, as stored.</summary>
    public async Task<IReadOnlyList<ShardEntry>> GetEntriesAsync(int shard, long from, int count, CancellationToken cancel = default)
    {
        return (await GetJsonAsync($"v1/shards/{shard}/entries?from={from}&count={count}", LedgerApiJson.Default.ShardEntries, cancel)).Entries;
    }

    /// <summary>Every checkpoint the shard stored, smallest first.</summary>
    public async Task<IReadOnlyList<StoredCheckpointView>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        return (await GetJsonAsync($"v1/shards/{shard}/checkpoints", LedgerApiJson.Default.StoredCheckpoints, cancel)).Checkpoints;
    }

    /// <summary>The leaderboard rows as JSON (our JSON model, so ints and floats stay what the server sent), every page of them.</summary>
    public async Task<JArray> GetLeaderboardAsync(string? benchmark = null, CancellationToken cancel = default)
    {
        var all = new List<JValue>();
        await ReadBoardPagesAsync("v1/leaderboard?" + (benchmark is null ? "" : $"benchmark={Uri.EscapeDataString(benchmark)}&"), async path =>
        {
            var text = await GetTextAsync(path, cancel);
            JArray page;
            try { page = (JArray)JsonParser.Parse(text); }
            catch (Exception e) when (IsUnreadable(e)) { throw await GatewayIdentity.UnexpectedAnswerAsync(http, "GET /" + path, HttpStatusCode.OK, null, text, cancel); }
            all.AddRange(page.Items);
            return page.Count;
        });
        return new JArray(all);
    }

    /// <summary>
    /// The board's rows in the contract's one shape (`trust=false` for accuracy-only order), every page of them, or the
    /// first <paramref name="top"/> (read no further).
    /// </summary>
    public async Task<LeaderboardRow[]> GetLeaderboardRowsAsync(string? benchmark = null, bool trust = true, CancellationToken cancel = default, int top = int.MaxValue)
    {
        var all = new List<LeaderboardRow>();
        await ReadBoardPagesAsync($"v1/leaderboard?trust={(trust ? "true" : "false")}&" + (benchmark is null ? "" : $"benchmark={Uri.EscapeDataString(benchmark)}&"), async path =>
        {
            var page = await GetJsonAsync(path, LedgerApiJson.Default.LeaderboardRowArray, cancel);
            all.AddRange(page);
            return page.Length;
        }, top);
        return [.. all];
    }

    /// <summary>The most rows the gateway returns a read (`/v1/leaderboard?limit=`); a whole board is read a page at a time.</summary>
    public const int BoardPageRows = 10_000;

    // Pages on until one comes back short or `top` rows are read: a board read while records arrive may shift by a row
    // between pages.
    private static async Task ReadBoardPagesAsync(string query, Func<string, Task<int>> readPage, int top = int.MaxValue)
    {
        for (var offset = 0; offset < top;)
        {
            var limit = Math.Min(BoardPageRows, top - offset);
            var read = await readPage($"{query}offset={offset}&limit={limit}");
            if (read < limit) return;
            offset += read;
        }
    }

    /// <summary>The benchmark boards (groups) the board's rows are on, with each one's #1 row and power line.</summary>
    public async Task<LeaderboardGroup[]> GetLeaderboardGroupsAsync(string? benchmark = null, bool trust = true, CancellationToken cancel = default) =>
        await GetJsonAsync($"v1/leaderboard/groups?trust={(trust ? "true" : "false")}" + (benchmark is null ? "" : $"&benchmark={Uri.EscapeDataString(benchmark)}"),
            LedgerApiJson.Default.LeaderboardGroupArray, cancel);

    /// <summary>The record with its position, tier and attestations; null when the log does not hold it.</summary>
    public async Task<JObject?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        using var response = await http.GetAsync($"v1/records/{recordId}", cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, $"GET /v1/records/{recordId}", text, cancel);
            return error is GatewayException { Status: HttpStatusCode.NotFound } ? null : throw error;
        }
        try { return (JObject)JsonParser.Parse(text); }
        catch (Exception e) when (IsUnreadable(e)) { throw await GatewayIdentity.UnexpectedAnswerAsync(http, $"GET /v1/records/{recordId}", response.StatusCode, MediaType(response), text, cancel); }
    }

    /// <summary>Posts a signed attestation note for a record (FORMATS.md section 4); returns the gateway's JSON answer.</summary>
    public async Task<JObject> PostAttestationAsync(string recordId, string note, CancellationToken cancel = default)
    {
        using var content = new StringContent(note, Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync($"v1/records/{recordId}/attestations", content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return response.IsSuccessStatusCode ? (JObject)JsonParser.Parse(text) : throw await ErrorAsync(response, $"POST /v1/records/{recordId}/attestations", text, cancel);
    }

    /// <summary>Registers a benchmark version (`POST /v1/benchmarks`), so the cluster can re-run records made on it; returns the gateway's answer.</summary>
    public async Task<JObject> RegisterBenchmarkAsync(Benchmark benchmark, CancellationToken cancel = default)
    {
        using var content = new StringContent(CanonicalJson.Serialize(BenchmarkJson.Write(benchmark)), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/benchmarks", content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return response.IsSuccessStatusCode ? (JObject)JsonParser.Parse(text) : throw await ErrorAsync(response, "POST /v1/benchmarks", text, cancel);
    }

    /// <summary>Opens `GET /v1/export` and returns the JSONL body as it streams in (the caller disposes it).</summary>
    public async Task<Stream> OpenExportAsync(string format, string minTier, string? benchmark, bool summary, CancellationToken cancel = default)
    {
        var query = $"v1/export?format={Uri.EscapeDataString(format)}&min_tier={Uri.EscapeDataString(minTier)}"
            + (benchmark is null ? "" : $"&benchmark={Uri.EscapeDataString(benchmark)}") + (summary ? "&summary=true" : "");
        var response = await http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.IsSuccessStatusCode) return await response.Content.ReadAsStreamAsync(cancel);
        using (response) throw await ErrorAsync(response, "GET /v1/export", await response.Content.ReadAsStringAsync(cancel), cancel);
    }

    public async Task<string> GetTextAsync(string path, CancellationToken cancel = default)
    {
        using var response = await http.GetAsync(path, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "GET /" + path, text, cancel);
        // The API (v1/) never answers a web page; a server that does there is not a gateway. The board's pages are HTML.
        if (path.StartsWith("v1/", StringComparison.Ordinal) && MediaType(response) == "text/html") throw await GatewayIdentity.UnexpectedAnswerAsync(http, "GET /" + path, response.StatusCode, "text/html", text, cancel);
        return text;
    }

    // A JSON answer in the contract's shape; one that cannot be read is either another server's (thrown as such) or named as unexpected.
    private async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> shape, CancellationToken cancel)
    {
        var text = await GetTextAsync(path, cancel);
        try
        {
            return JsonSerializer.Deserialize(text, shape) ?? throw new JsonException("null");
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw await GatewayIdentity.UnexpectedAnswerAsync(http, "GET /" + path, HttpStatusCode.OK, null, text, cancel);
        }
    }

    private static bool IsUnreadable(Exception e) => e is JsonException or JsonParseException or KeyNotFoundException or InvalidOperationException or InvalidCastException or FormatException;

    private static string? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public void Dispose() => http.Dispose();

    private static Submission? TryReadSubmission(string json, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return ReadSubmission(doc.RootElement, status);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return null;
        }
    }

    // A line of a batch's answer carries its own status; a refusal is {error, detail} (ApiError, or a BatchLineRefusal).
    private static Submission ReadSubmission(JsonElement e, int status)
    {
        if (e.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number) status = s.GetInt32();
        if (e.TryGetProperty("error", out _))
        {
            var refusal = e.Deserialize(LedgerApiJson.Default.ApiError)!;
            return new Submission(null, -1, -1, null, null, [], false, status, refusal.Error, refusal.Detail);
        }
        if (status == 202)
        {
            var accepted = e.Deserialize(LedgerApiJson.Default.SubmissionAccepted)!;
            return new Submission(accepted.RecordId, accepted.Shard, -1, null, null, [], false, status, null, null);
        }
        var logged = e.Deserialize(LedgerApiJson.Default.SubmissionResponse)!;
        // The source-generated reader leaves missing fields null: an answer without a record id is not a submission's.
        if (logged.RecordId is null) throw new JsonException("the answer names no record_id");
        return new Submission(logged.RecordId, logged.Shard, logged.Index, logged.Tier, logged.Checkpoint,
            (logged.InclusionProof ?? []).Select(Convert.FromBase64String).ToList(), logged.Duplicate, status, null, null);
    }

    private static byte[][] Hashes(ProofHashes proof) => proof.Hashes.Select(Convert.FromBase64String).ToArray();

    // A refusal's `{error, detail}`; a body without them is another server's answer, or an unreadable one from a gateway.
    private async Task<Exception> ErrorAsync(HttpResponseMessage response, string what, string body, CancellationToken cancel)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, LedgerApiJson.Default.ApiError);
            if (error?.Error is { } code) return new GatewayException(response.StatusCode, code, error.Detail ?? "");
            throw new JsonException("no error code");
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return await GatewayIdentity.UnexpectedAnswerAsync(http, what, response.StatusCode, MediaType(response), body, cancel);
        }
    }

    // A pretty-printed record file spans lines; NDJSON needs one line per record. JSON allows removing the
    // newlines between tokens, and string contents never hold a raw newline.
    private static byte[] StripNewlines(byte[] json) => Array.FindAll(json, b => b != (byte)'\n' && b != (byte)'\r');
}
