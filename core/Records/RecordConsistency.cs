using System.Text.Json;

namespace LedgerCluster.Core.Records;

/// <summary>
/// Whether a logged record's aggregate agrees with its results (<see cref="RecordBody.Contradiction"/> is null), read
/// from its bytes in one pass without building it: a record of tens of MB parsed into a tree costs several times its
/// size, and this is asked of every record served. For records that passed intake only: a malformed one is not checked.
/// </summary>
public static class RecordConsistency
{
    public static bool Holds(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Json.JsonParser.MaxDepth });
        var counts = new Counts();
        reader.Read();
        ForEachMember(ref reader, ref counts, static (ref Utf8JsonReader r, ref Counts c) =>
        {
            if (r.ValueTextEquals("body"u8)) { r.Read(); ReadBody(ref r, ref c); }
            else { r.Read(); r.Skip(); }
        });
        var passed = (double)counts.Passed;
        var accuracy = counts.Results == 0 ? 0.0 : passed / counts.Results;
        // The same three comparisons as RecordBody.Contradiction, in numbers read the same way (JSON literals as doubles).
        return counts.NumTasks == counts.Results && counts.PassedMetric.Equals(passed) && counts.Accuracy.Equals(accuracy);
    }

    private static void ReadBody(ref Utf8JsonReader reader, ref Counts counts) =>
        ForEachMember(ref reader, ref counts, static (ref Utf8JsonReader r, ref Counts c) =>
        {
            if (r.ValueTextEquals("aggregate"u8)) { r.Read(); ReadAggregate(ref r, ref c); }
            else if (r.ValueTextEquals("results"u8))
            {
                r.Read();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    c.Results++;
                    ForEachMember(ref r, ref c, static (ref Utf8JsonReader item, ref Counts ic) =>
                    {
                        var isPassed = item.ValueTextEquals("passed"u8);
                        item.Read();
                        if (isPassed && item.TokenType == JsonTokenType.True) ic.Passed++;
                        item.Skip();
                    });
                }
            }
            else { r.Read(); r.Skip(); }
        });

    private static void ReadAggregate(ref Utf8JsonReader reader, ref Counts counts) =>
        ForEachMember(ref reader, ref counts, static (ref Utf8JsonReader r, ref Counts c) =>
        {
            if (r.ValueTextEquals("num_tasks"u8)) { r.Read(); c.NumTasks = r.TryGetInt64(out var n) ? n : -1; }
            else if (r.ValueTextEquals("metrics"u8))
            {
                r.Read();
                ForEachMember(ref r, ref c, static (ref Utf8JsonReader m, ref Counts mc) =>
                {
                    var name = m.ValueTextEquals("accuracy"u8) ? 1 : m.ValueTextEquals("passed"u8) ? 2 : 0;
                    m.Read();
                    if (name == 1) mc.Accuracy = m.GetDouble();
                    else if (name == 2) mc.PassedMetric = m.GetDouble();
                    else m.Skip();
                });
            }
            else { r.Read(); r.Skip(); }
        });

    private delegate void MemberReader(ref Utf8JsonReader reader, ref Counts counts);

    // The reader is at an object's start; calls read for each member with the reader at its name, which must leave the
    // reader at the end of the member's value.
    private static void ForEachMember(ref Utf8JsonReader reader, ref Counts counts, MemberReader read)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected an object, found {reader.TokenType}");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName) read(ref reader, ref counts);
    }

    private struct Counts
    {
        public long Results, Passed;
        public long NumTasks;
        public double Accuracy, PassedMetric;
    }
}
