using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Support;

/// <summary>The verievals known-answer vectors (`../shared/verievals/kat/vectors.json`), parsed once.</summary>
public static class Kat
{
    private static readonly Lazy<JObject> VectorsLazy = new(() => (JObject)JsonParser.ParseFile(SharedData.Path("verievals", "kat", "vectors.json")));

    public static JObject Vectors => VectorsLazy.Value;

    public const string Rfc8032Test1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string Rfc8032Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    public static string RecordsDir => SharedData.Path("verievals", "kat", "records");

    public static IEnumerable<string> RecordFiles => Directory.EnumerateFiles(RecordsDir, "*.json").Order(StringComparer.Ordinal);

    /// <summary>Theory rows from the shared data, or one placeholder row when it is absent (the test is skipped then).</summary>
    public static IEnumerable<object[]> Rows(Func<IEnumerable<object[]>> rows) => SharedData.Available ? rows() : [["(shared absent)"]];

    public static string Str(JValue? v) => ((JString)v!).Value;
}
