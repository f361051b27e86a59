using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Json;

public sealed class CanonicalJsonTests
{
    public static IEnumerable<object[]> CanonicalCases() =>
        Kat.Rows(() => ((JArray)Kat.Vectors["canonical_json"]!).Items.Select((v, i) => new object[] { i.ToString(CultureInfo.InvariantCulture) }));

    [SharedTheory]
    [MemberData(nameof(CanonicalCases))]
    public void Canonical_vectors_round_trip_and_hash(string index)
    {
        var vector = (JObject)((JArray)Kat.Vectors["canonical_json"]!)[int.Parse(index, CultureInfo.InvariantCulture)];
        var expected = Kat.Str(vector["canonical"]);
        var parsed = JsonParser.Parse(expected);
        Assert.Equal(expected, CanonicalJson.Serialize(parsed));
        Assert.Equal(Kat.Str(vector["sha256"]), CanonicalJson.Hash(parsed));

        // Reversing member order must not change the canonical form: keys are sorted by code point.
        var reversed = Reverse(parsed);
        Assert.Equal(expected, CanonicalJson.Serialize(reversed));
    }

    [SharedFact]
    public void Python_float_repr_vectors()
    {
        foreach (var v in ((JArray)Kat.Vectors["python_float_repr"]!).Items.Cast<JObject>())
        {
            var value = double.Parse(Kat.Str(v["float"]), CultureInfo.InvariantCulture);
            Assert.Equal(Kat.Str(v["json_token"]), PythonFloat.Format(value));
        }
    }

    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00009999, "9.999e-05")]
    [InlineData(123.456, "123.456")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(1e100, "1e+100")]
    [InlineData(2.0 / 3.0, "0.6666666666666666")]
    public void Python_float_repr_boundaries(double value, string expected) => Assert.Equal(expected, PythonFloat.Format(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_floats_are_rejected(double value) =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JFloat(value)));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_literals_do_not_parse(string json) => Assert.Throws<JsonParseException>(() => JsonParser.Parse(json));

    [Fact]
    public void Ints_and_floats_stay_apart()
    {
        Assert.IsType<JInteger>(JsonParser.Parse("1"));
        Assert.IsType<JFloat>(JsonParser.Parse("1.0"));
        Assert.IsType<JFloat>(JsonParser.Parse("1e3"));
        Assert.NotEqual(CanonicalJson.Hash(JsonParser.Parse("{\"a\":1}")), CanonicalJson.Hash(JsonParser.Parse("{\"a\":1.0}")));
        Assert.Equal("123456789012345678901234567890", CanonicalJson.Serialize(JsonParser.Parse("123456789012345678901234567890")));
    }

    [Fact]
    public void Lone_surrogates_are_rejected()
    {
        Assert.Throws<JsonParseException>(() => JsonParser.Parse("\"\\ud800\""));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JString("a\ud800b")));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "duplicate key")]
    [InlineData("{\"a\":1,}", "line 1")]
    [InlineData("[1, 2", "line 1")]
    [InlineData("{\n\"a\": tru\n}", "line 2")]
    [InlineData("", "does not contain any JSON token")]
    [InlineData("{} {}", "after a single JSON value")]
    [InlineData("// c\n{}", "line 1")]
    public void Malformed_json_names_the_place(string json, string fragment)
    {
        var e = Assert.Throws<JsonParseException>(() => JsonParser.Parse(json));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_and_specials_escape_as_python_does()
    {
        var text = "a\"b\\c\n\t\r\b\f\u0000\u001f\u007f\u2028/é😀";
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0000\\u001f\u007f\u2028/é😀\"", CanonicalJson.Serialize(new JString(text)));
    }

    [Fact]
    public void Code_point_order_differs_from_utf16_order()
    {
        var obj = new JObject { { "\U0001F600", 4 }, { "\uFF21", 5 }, { "é", 1 } };
        Assert.Equal("{\"é\":1,\"Ａ\":5,\"😀\":4}", CanonicalJson.Serialize(obj));
    }

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool Float_repr_round_trips(NormalFloat value)
    {
        var text = PythonFloat.Format(value.Get);
        var back = double.Parse(text, CultureInfo.InvariantCulture);
        return back.Equals(value.Get) && JsonParser.Parse(text) is JFloat;
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Canonical_form_is_a_fixed_point(NonNull<string>[] keys, int[] values)
    {
        var obj = new JObject();
        foreach (var (key, value) in keys.Select(k => k.Get).Where(IsWellFormed).Distinct().Zip(values)) obj.Add(key, value);
        var canonical = CanonicalJson.Serialize(obj);
        return CanonicalJson.Serialize(JsonParser.Parse(canonical)) == canonical
            && ContentHash.Sha256Hex(canonical) == CanonicalJson.Hash(obj);
    }

    private static bool IsWellFormed(string s) => !s.Where((c, i) => char.IsSurrogate(c)).Any();

    private static JValue Reverse(JValue value) => value switch
    {
        JObject o => new JObject(o.Members.Reverse().Select(m => new KeyValuePair<string, JValue>(m.Key, Reverse(m.Value)))),
        JArray a => new JArray(a.Items.Select(Reverse).ToList()),
        _ => value,
    };

    [Fact]
    public void The_hash_of_a_value_of_many_MB_is_that_of_its_canonical_bytes_and_streams_them_through_a_fixed_buffer()
    {
        // Long runs of ASCII, 2-, 3- and 4-byte characters and escapes, so the pieces a hashed string is cut into meet
        // every kind of boundary.
        var mixed = string.Concat(Enumerable.Range(0, 40_000).Select(i => (i % 7) switch
        {
            0 => "é", 1 => "€", 2 => "\U0001F600", 3 => "\n", 4 => "\"", _ => "abc",
        }));
        var value = new JObject
        {
            { "body", new JArray(Enumerable.Range(0, 300).Select(i => (JValue)new JObject { { "output", new string('x', 20_000 + i) + mixed }, { "n", i } }).ToList()) },
            { "a", new string('y', 5_000_000) },
        };
        // Hashed first: serializing first would leave its large buffers in the shared pool for the hash to reuse unseen.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hash = CanonicalJson.Hash(value);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var bytes = CanonicalJson.SerializeToUtf8(value);
        Assert.True(bytes.Length > 20_000_000, $"{bytes.Length} bytes");

        Assert.Equal(ContentHash.Sha256Hex(bytes), hash);
        // The canonical form is never held whole: what the hash allocates does not grow with the value.
        Assert.True(allocated < 1_000_000, $"hashing {bytes.Length:N0} canonical bytes allocated {allocated:N0} bytes");
    }
}
