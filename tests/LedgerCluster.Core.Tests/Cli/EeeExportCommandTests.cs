using System.Net;
using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Tests.Export;
using LedgerCluster.Core.Tests.Import;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>
/// `ledger export --format eee` on the command line, offline and through a gateway, against `GET /v1/records/{id}/eee`,
/// and `ledger import eee` on what it wrote.
/// </summary>
public sealed class EeeExportCommandTests
{
    private static string Key(TempDir dir) => dir.Write("test.key", Kat.Rfc8032Test1Seed + "\n");

    [SharedFact]
    public async Task Offline_export_of_imported_records_validates_and_imports_again_with_its_checks_ok()
    {
        using var dir = new TempDir();
        var records = dir.File("records");
        foreach (var source in new[] { HarnessFiles.EeeBelief, HarnessFiles.EeeMath })
            Assert.Equal(0, (await CliRun.Of("import", "eee", source, "--key", Key(dir), "--out", records)).ExitCode);
        var export = await CliRun.Of("export", "--format", "eee", "--records", records, "--out", dir.File("eee"), "--json");
        Assert.True(export.ExitCode == 0, export.Out + export.Error);
        var entries = ((JArray)JsonParser.Parse(export.Out)).Items.Cast<JObject>().ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            var aggregate = ((JString)entry["aggregate"]!).Value;
            Assert.Matches(@"/data/ledgercluster/(Qwen/Qwen3-8B|RylanSchaeffer/mem_Qwen3-93M[^/]+)/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.json$", aggregate.Replace('\\', '/'));
            Assert.Empty(EeeSchemas.AggregateErrors(File.ReadAllText(aggregate)));
            Assert.All(File.ReadLines(((JString)entry["sidecar"]!).Value), line => Assert.Empty(EeeSchemas.InstanceErrors(line)));
            Assert.Equal("signed", ((JString)entry["tier"]!).Value);
            var again = await CliRun.Of("import", "eee", aggregate, "--key", Key(dir), "--out", dir.File("again"));
            Assert.True(again.ExitCode == 0, again.Out + again.Error);
            Assert.Contains("checksum: ok", again.Out, StringComparison.Ordinal);
            Assert.Contains("total_rows: ok", again.Out, StringComparison.Ordinal);
        }
        // The default tier floor for eee is signed; asking for verified offline without a log key leaves nothing.
        var verified = await CliRun.Of("export", "--format", "eee", "--records", records, "--out", dir.File("none"), "--min-tier", "verified");
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("Exported 0 records", verified.Out, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Through_a_gateway_the_export_is_the_document_the_gateway_serves_with_the_records_position_and_proof_url()
    {
        using var dir = new TempDir();
        await using var node = await EmbeddedNode.StartAsync(2, CancellationToken.None);
        var import = await CliRun.Of("import", "helm", SharedData.Path("harness-data", "helm", "mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2"),
            "--key", Key(dir), "--out", dir.File("records"), "--gateway", node.Url);
        Assert.True(import.ExitCode == 0, import.Out + import.Error);
        var export = await CliRun.Of("export", "--format", "eee", "--gateway", node.Url, "--out", dir.File("eee"), "--json");
        Assert.True(export.ExitCode == 0, export.Out + export.Error);
        var entries = ((JArray)JsonParser.Parse(export.Out)).Items.Cast<JObject>().ToList();
        Assert.Equal(2, entries.Count);

        using var http = new HttpClient { BaseAddress = new Uri(node.Url.TrimEnd('/') + "/") };
        using var client = new LedgerGatewayClient(node.Url);
        foreach (var entry in entries)
        {
            var id = ((JString)entry["record_id"]!).Value;
            var served = await http.GetStringAsync($"v1/records/{id}/eee");
            var written = File.ReadAllText(((JString)entry["aggregate"]!).Value);
            Assert.Equal(served, written);
            Assert.Equal(await http.GetByteArrayAsync($"v1/records/{id}/eee?part=instances"), File.ReadAllBytes(((JString)entry["sidecar"]!).Value));
            Assert.Empty(EeeSchemas.AggregateErrors(written));

            var details = (JObject)((JObject)((JObject)JsonParser.Parse(written))["source_metadata"]!)["additional_details"]!;
            var record = (await client.GetRecordAsync(id))!;
            Assert.Equal(id, ((JString)details["record_id"]!).Value);
            Assert.Equal(((JInteger)record["shard"]!).Value.ToString(), ((JString)details["log_shard"]!).Value);
            Assert.Equal(((JInteger)record["index"]!).Value.ToString(), ((JString)details["log_index"]!).Value);
            Assert.Equal(((JString)record["tier"]!).Value, ((JString)details["trust_tier"]!).Value);
            var proofUrl = ((JString)details["proof_url"]!).Value;
            Assert.Equal($"{node.Url.TrimEnd('/')}/v1/records/{id}/proof", proofUrl);
            Assert.Equal(await client.GetProofAsync(id), await http.GetStringAsync(proofUrl));
        }

        // Offline, with each record's .tlog-proof beside it: the position comes from the proof and, with the log's key, the tier is verified.
        var records = dir.File("records");
        foreach (var entry in entries)
        {
            var id = ((JString)entry["record_id"]!).Value;
            Assert.Equal(0, (await CliRun.Of("proof", id, "--gateway", node.Url, "--out", Path.Combine(records, id + ".tlog-proof"))).ExitCode);
        }
        var vkey = (await client.GetShardsAsync())[0].VerifierKey;
        var offline = await CliRun.Of("export", "--format", "eee", "--records", records, "--vkey", vkey, "--out", dir.File("offline"), "--json");
        Assert.True(offline.ExitCode == 0, offline.Out + offline.Error);
        foreach (var entry in ((JArray)JsonParser.Parse(offline.Out)).Items.Cast<JObject>())
        {
            var id = ((JString)entry["record_id"]!).Value;
            var details = (JObject)((JObject)((JObject)JsonParser.Parse(File.ReadAllText(((JString)entry["aggregate"]!).Value)))["source_metadata"]!)["additional_details"]!;
            var record = (await client.GetRecordAsync(id))!;
            Assert.Equal(((JInteger)record["index"]!).Value.ToString(), ((JString)details["log_index"]!).Value);
            Assert.Equal(((JInteger)record["shard"]!).Value.ToString(), ((JString)details["log_shard"]!).Value);
            Assert.Equal(id + ".tlog-proof", ((JString)details["proof_file"]!).Value);
            Assert.Null(details["proof_url"]);
        }

        using var missing = await http.GetAsync($"v1/records/{new string('0', 64)}/eee");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = (JObject)JsonParser.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal("not_found", ((JString)error["error"]!).Value);
        Assert.NotNull(error["detail"]);
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_2()
    {
        using var dir = new TempDir();
        var file = dir.Write("out.txt", "x");
        var onFile = await CliRun.Of("export", "--format", "eee", "--records", dir.Path, "--out", file);
        Assert.Equal(2, onFile.ExitCode);
        Assert.Contains("is a file; eee writes a directory", onFile.Error, StringComparison.Ordinal);
        Assert.Single(onFile.Error.Trim().Split('\n'));
        var both = await CliRun.Of("export", "--format", "eee", "--out", dir.File("x"));
        Assert.Equal(2, both.ExitCode);
        var missing = await CliRun.Of("export", "--format", "eee", "--records", dir.File("nope"), "--out", dir.File("x"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("directory not found", missing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("x")));
    }
}
