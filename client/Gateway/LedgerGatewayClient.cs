using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Gateway;

/// <summary>A typed client for the HTTP gateway of FORMATS.md section 6.</summary>
public sealed class LedgerGatewayClient(HttpClient http) : IDisposable
{
    /// <summary>Uploads past this size wait for the gateway's go-ahead (one round trip) before sending the body.</summary>
    private const long ExpectContinueFrom = 1024 * 1024;

    public LedgerGatewayClient(string baseUrl) : this(new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) }) { }

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Submits one record; a refusal (4xx) comes back as a <see cref="Submission"/> with its error, not an exception.</summary>
    public async Task<Submission> SubmitAsync(byte[] recordJson, bool wait = true, CancellationToken cancel = default)
    {
        using var content = new ByteArrayContent(recordJson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(wait ? "v1/records" : "v1/records?wait=false", content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return ReadSubmission(text, (int)response.StatusCode);
    }

    /// <summary>
    /// Submits one record file, streamed from disk (never read whole). A large upload first asks the gateway whether it will
    /// take it (`Expect: 100-continue`), so a 413 is read as the answer instead of breaking the upload.
    /// </summary>
    public async Task<Submission> SubmitFileAsync(string path, CancellationToken cancel = default)
    {
        await using var file = RecordFiles.OpenSkippingBom(path);
        using var content = new StreamContent(file, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records") { Content = content };
        if (file.Length - file.Position > ExpectContinueFrom) request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, cancel);
        return ReadSubmission(await response.Content.ReadAsStringAsync(cancel), (int)response.StatusCode);
    }

    /// <summary>Submits record files as one NDJSON batch streamed from disk; results come back in the same order.</summary>
    public async Task<IReadOnlyList<Submission>> SubmitFilesAsync(IReadOnlyList<string> paths, CancellationToken cancel = default)
    {
        using var content = new NdjsonFilesContent(paths);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records:batch") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        return await ReadNdjsonAsync(stream, cancel);
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
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        return await ReadNdjsonAsync(stream, cancel);
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
        Read(await GetTextAsync("v1/shards", cancel), LedgerApiJson.Default.ShardDescriptionArray);

    public async Task<byte[][]> GetConsistencyProofAsync(int shard, long from, long to, CancellationToken cancel = default) =>
        Hashes(await GetTextAsync($"v1/shards/{shard}/proof/consistency?from={from}&to={to}", cancel));

    public async Task<byte[][]> GetInclusionProofAsync(int shard, long index, long size, CancellationToken cancel = default) =>
        Hashes(await GetTextAsync($"v1/shards/{shard}/proof/inclusion?index={index}&size={size}", cancel));

    /// <summary>Up to <paramref name="count"/> leaves (index, record id) of a shard from <paramref name="from"/>, as stored.</summary>
    public async Task<IReadOnlyList<ShardEntry>> GetEntriesAsync(int shard, long from, int count, CancellationToken cancel = default)
    {
        return Read(await GetTextAsync($"v1/shards/{shard}/entries?from={from}&count={count}", cancel), LedgerApiJson.Default.ShardEntries).Entries;
    }

    /// <summary>Every checkpoint the shard stored, smallest first.</summary>
    public async Task<IReadOnlyList<StoredCheckpointView>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        return Read(await GetTextAsync($"v1/shards/{shard}/checkpoints", cancel), LedgerApiJson.Default.StoredCheckpoints).Checkpoints;
    }

    /// <summary>The leaderboard rows as JSON (our JSON model, so ints and floats stay what the server sent).</summary>
    public async Task<JArray> GetLeaderboardAsync(string? benchmark = null, CancellationToken cancel = default) =>
        (JArray)JsonParser.Parse(await GetTextAsync(benchmark is null ? "v1/leaderboard" : $"v1/leaderboard?benchmark={Uri.EscapeDataString(benchmark)}", cancel));

    /// <summary>The board's rows in the contract's one shape (`trust=false` for accuracy-only order).</summary>
    public async Task<LeaderboardRow[]> GetLeaderboardRowsAsync(string? benchmark = null, bool trust = true, CancellationToken cancel = default) =>
        Read(await GetTextAsync($"v1/leaderboard?trust={(trust ? "true" : "false")}" + (benchmark is null ? "" : $"&benchmark={Uri.EscapeDataString(benchmark)}"), cancel),
            LedgerApiJson.Default.LeaderboardRowArray);

    /// <summary>The record with its position, tier and attestations; null when the log does not hold it.</summary>
    public async Task<JObject?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        using var response = await http.GetAsync($"v1/records/{recordId}", cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, text);
        return (JObject)JsonParser.Parse(text);
    }

    /// <summary>Posts a signed attestation note for a record (FORMATS.md section 4); returns the gateway's JSON answer.</summary>
    public async Task<JObject> PostAttestationAsync(string recordId, string note, CancellationToken cancel = default)
    {
        using var content = new StringContent(note, Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync($"v1/records/{recordId}/attestations", content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return response.IsSuccessStatusCode ? (JObject)JsonParser.Parse(text) : throw Error(response.StatusCode, text);
    }

    /// <summary>Registers a benchmark version (`POST /v1/benchmarks`), so the cluster can re-run records made on it; returns the gateway's answer.</summary>
    public async Task<JObject> RegisterBenchmarkAsync(Benchmark benchmark, CancellationToken cancel = default)
    {
        using var content = new StringContent(CanonicalJson.Serialize(BenchmarkJson.Write(benchmark)), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/benchmarks", content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return response.IsSuccessStatusCode ? (JObject)JsonParser.Parse(text) : throw Error(response.StatusCode, text);
    }

    /// <summary>Opens `GET /v1/export` and returns the JSONL body as it streams in (the caller disposes it).</summary>
    public async Task<Stream> OpenExportAsync(string format, string minTier, string? benchmark, bool summary, CancellationToken cancel = default)
    {
        var query = $"v1/export?format={Uri.EscapeDataString(format)}&min_tier={Uri.EscapeDataString(minTier)}"
            + (benchmark is null ? "" : $"&benchmark={Uri.EscapeDataString(benchmark)}") + (summary ? "&summary=true" : "");
        var response = await http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.IsSuccessStatusCode) return await response.Content.ReadAsStreamAsync(cancel);
        using (response) throw Error(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
    }

    public async Task<string> GetTextAsync(string path, CancellationToken cancel = default)
    {
        using var response = await http.GetAsync(path, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return response.IsSuccessStatusCode ? text : throw Error(response.StatusCode, text);
    }

    public void Dispose() => http.Dispose();

    private static Submission ReadSubmission(string json, int status)
    {
        using var doc = JsonDocument.Parse(json);
        return ReadSubmission(doc.RootElement, status);
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
        return new Submission(logged.RecordId, logged.Shard, logged.Index, logged.Tier, logged.Checkpoint,
            (logged.InclusionProof ?? []).Select(Convert.FromBase64String).ToList(), logged.Duplicate, status, null, null);
    }

    private static byte[][] Hashes(string json) => Read(json, LedgerApiJson.Default.ProofHashes).Hashes.Select(Convert.FromBase64String).ToArray();

    // A body that is not the contract's shape (a proxy's page, another service) is the gateway's fault, named as such.
    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> shape)
    {
        try
        {
            return JsonSerializer.Deserialize(json, shape) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new GatewayException(HttpStatusCode.OK, "bad_response", $"the answer is not a {typeof(T).Name.Replace("[]", " list", StringComparison.Ordinal)}: {e.Message}");
        }
    }

    private static GatewayException Error(HttpStatusCode status, string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, LedgerApiJson.Default.ApiError);
            return error?.Error is { } code ? new GatewayException(status, code, error.Detail ?? "") : new GatewayException(status, "http_error", body.Length > 200 ? body[..200] : body);
        }
        catch (JsonException)
        {
            return new GatewayException(status, "http_error", body.Length > 200 ? body[..200] : body);
        }
    }

    // A pretty-printed record file spans lines; NDJSON needs one line per record. JSON allows removing the
    // newlines between tokens, and string contents never hold a raw newline.
    private static byte[] StripNewlines(byte[] json) => Array.FindAll(json, b => b != (byte)'\n' && b != (byte)'\r');
}
