using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Records;

/// <summary>Each tampering of a real verievals record is caught, with a reason that names the field.</summary>
public sealed class TamperedRecordTests
{
    private static JObject Original() => (JObject)JsonParser.ParseFile(Kat.RecordFiles.First(f => f.Contains("4a8aa15d", StringComparison.Ordinal)));

    [SharedFact]
    public void Changed_output_breaks_integrity()
    {
        var record = RunRecord.Read(Edit(Original(), "body.results.0.output", new JString("72")));
        Assert.False(record.IntegrityHolds());
    }

    [SharedFact]
    public void Edited_and_rehashed_body_breaks_the_signature()
    {
        var json = Edit(Original(), "body.results.0.output", new JString("72"));
        var body = (JObject)json["body"]!;
        json = Replace(json, "content_hash", new JString(CanonicalJson.Hash(body)));
        var record = RunRecord.Read(json);
        Assert.True(record.IntegrityHolds());
        Assert.False(record.SignatureHolds());
    }

    [SharedFact]
    public void Added_body_key_is_rejected_by_name()
    {
        var json = Original();
        ((JObject)json["body"]!).Add("note", "sneaky");
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(json));
        Assert.Equal("body.note", e.Field);
    }

    [SharedFact]
    public void Score_as_int_is_rejected()
    {
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(Edit(Original(), "body.results.3.score", new JInteger(1))));
        Assert.Equal("body.results[3].score", e.Field);
        Assert.Contains("expected float, got int", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Num_tasks_as_float_is_rejected()
    {
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(Edit(Original(), "body.aggregate.num_tasks", new JFloat(12))));
        Assert.Equal("body.aggregate.num_tasks", e.Field);
    }

    [SharedFact]
    public void Swapped_signature_fails()
    {
        var other = (JObject)JsonParser.ParseFile(Kat.RecordFiles.First(f => f.Contains("276d38cf", StringComparison.Ordinal)));
        var json = Replace(Original(), "signature", other["signature"]!);
        var record = RunRecord.Read(json);
        Assert.True(record.IntegrityHolds());
        Assert.False(record.SignatureHolds());
    }

    [SharedFact]
    public void Uppercase_hash_is_rejected()
    {
        var json = Original();
        var upper = Kat.Str(json["content_hash"]).ToUpperInvariant();
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(Replace(json, "content_hash", new JString(upper))));
        Assert.Equal("content_hash", e.Field);
        Assert.Contains("lowercase hex", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Missing_field_is_named()
    {
        var json = Original();
        var model = (JObject)((JObject)json["body"]!)["model"]!;
        var without = new JObject(model.Members.Where(m => m.Key != "version"));
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(Edit(json, "body.model", without)));
        Assert.Equal("body.model.version", e.Field);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Extension_fields_need_the_ledgercluster_schema()
    {
        var json = Edit(Original(), "body.results.0", With((JObject)Get(Original(), "body.results.0"), "finish_reason", "length"));
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Read(json));
        Assert.Equal("body.results[0].finish_reason", e.Field);
        Assert.Contains(SchemaVersions.LedgerCluster, e.Message, StringComparison.Ordinal);

        var extended = Edit(json, "body.schema_version", new JString(SchemaVersions.LedgerCluster));
        Assert.Equal("length", RunRecord.Read(extended).Body.Results[0].FinishReason);
        var bad = Edit(extended, "body.results.0.finish_reason", new JString("truncated"));
        Assert.Equal("body.results[0].finish_reason", Assert.Throws<RecordSchemaException>(() => RunRecord.Read(bad)).Field);
    }

    [SharedFact]
    public void Inflated_accuracy_is_read_and_named_as_a_contradiction()
    {
        var record = RunRecord.Read(Edit(Original(), "body.aggregate.metrics.accuracy", new JFloat(1.0)));
        Assert.StartsWith("aggregate accuracy 1.0 but results give ", record.Body.Contradiction(), StringComparison.Ordinal);
        Assert.False(record.IntegrityHolds());
    }

    [SharedFact]
    public void A_flipped_passed_flag_contradicts_the_aggregate_passed_count()
    {
        // verievals' SDK keeps a grader's passed flag verbatim, so passed need not follow the score; the aggregate must follow passed.
        var record = RunRecord.Read(Edit(Original(), "body.results.0.passed", JBool.False));
        Assert.Matches("^aggregate passed [0-9.]+ but [0-9]+ results passed$", record.Body.Contradiction());
    }

    [Theory]
    [InlineData("[]", "expected an object")]
    [InlineData("{}", "body: missing")]
    [InlineData("{\"body\": 1}", "body: expected object")]
    public void Wrong_shapes_are_named(string json, string fragment) =>
        Assert.Contains(fragment, Assert.Throws<RecordSchemaException>(() => RunRecord.Parse(json)).Message, StringComparison.Ordinal);

    // --- small helpers to edit a JSON tree by dotted path (array indices as numbers) ---

    private static JValue Get(JValue root, string path) =>
        path.Split('.').Aggregate(root, (node, part) => node is JArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : ((JObject)node)[part]!);

    private static JObject Edit(JObject root, string path, JValue value) => (JObject)EditAt(root, path.Split('.'), 0, value);

    private static JValue EditAt(JValue node, string[] parts, int i, JValue value)
    {
        if (i == parts.Length) return value;
        if (node is JArray a)
        {
            var index = int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
            return new JArray(a.Items.Select((item, k) => k == index ? EditAt(item, parts, i + 1, value) : item).ToList());
        }
        var o = (JObject)node;
        return new JObject(o.Members.Select(m => m.Key == parts[i] ? new KeyValuePair<string, JValue>(m.Key, EditAt(m.Value, parts, i + 1, value)) : m));
    }

    private static JObject Replace(JObject o, string key, JValue value) => Edit(o, key, value);

    private static JObject With(JObject o, string key, JValue value) => new JObject(o.Members).Add(key, value);
}
