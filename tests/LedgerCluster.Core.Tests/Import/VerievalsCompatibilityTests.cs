using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.Eee;
using LedgerCluster.Core.Import.Helm;
using LedgerCluster.Core.Import.Inspect;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Import;

/// <summary>
/// The Python verievals 0.1.0 rebuilds a body from only the fields it knows (RunBody.from_dict) before hashing, so a
/// record carrying anything else (our result extensions) would not verify there. Imported records must hash the same
/// after that filter: every per-item fact rides in model.params, which verievals copies whole.
/// </summary>
public sealed class VerievalsCompatibilityTests
{
    [SharedFact]
    public void Every_imported_record_hashes_to_its_id_after_the_verievals_field_filter()
    {
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var imports = new List<HarnessImport>
        {
            LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, key),
            LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.Gsm8kDate), null, key),
            EeeImporter.Import(HarnessFiles.EeeDemo, null, key),
            InspectImporter.Import(SharedData.Path("harness-data", "inspect", "mmlu-summary-choices.eval"), key),
            HelmImporter.Import(SharedData.Path("harness-data", "helm", "narrative_qa-model=openai_gpt2"), key),
        };
        foreach (var record in imports.SelectMany(i => i.Runs).Select(r => r.Record))
            Assert.Equal(record.Id, CanonicalJson.Hash(AsVerievalsReadsIt((JObject)((JObject)JsonParser.Parse(record.ToFileText()))["body"]!)));
    }

    private static JObject AsVerievalsReadsIt(JObject body)
    {
        static JObject Pick(JObject o, params string[] keys) => new(keys.Select(k => KeyValuePair.Create(k, o[k] ?? JNull.Instance)));
        var model = (JObject)body["model"]!;
        return new JObject
        {
            { "schema_version", body["schema_version"]! },
            { "verievals_version", body["verievals_version"]! },
            { "benchmark", Pick((JObject)body["benchmark"]!, "id", "version", "content_hash") },
            { "model", Pick(model, "provider", "name", "version", "params") },
            { "runner", Pick((JObject)body["runner"]!, "seed", "sample_limit") },
            { "results", new JArray(((JArray)body["results"]!).Items.Select(r => (JValue)Pick((JObject)r, "task_id", "prompt", "output", "expected", "score", "passed")).ToList()) },
            { "aggregate", Pick((JObject)body["aggregate"]!, "scorer", "num_tasks", "metrics") },
        };
    }
}
