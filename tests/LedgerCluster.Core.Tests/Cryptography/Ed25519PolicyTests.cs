using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Cryptography;

/// <summary>
/// The Ed25519 verification policy we claim, pinned on the 914 C2SP CCTV edge-case vectors: strict. A signature
/// verifies only when its vector has no flags beyond mixed-order components; small-order keys or R, non-canonical
/// encodings, low-order residues and re-encoded k are all refused.
/// </summary>
public sealed class Ed25519PolicyTests
{
    private static readonly HashSet<string> Tolerated = ["low_order_component_A", "low_order_component_R"];

    [SharedFact]
    public void Cctv_vectors_follow_the_strict_policy()
    {
        var vectors = ((JArray)JsonParser.ParseFile(SharedData.Path("tlog-testdata", "cctv-ed25519", "ed25519vectors.json"))).Items.Cast<JObject>().ToList();
        Assert.Equal(914, vectors.Count);
        var accepted = 0;
        foreach (var v in vectors)
        {
            var flags = v["flags"] is JArray a ? a.Items.Select(f => ((JString)f).Value).ToList() : [];
            var ok = Ed25519.Verify(Hex(v["key"]), Encoding.ASCII.GetBytes(((JString)v["msg"]!).Value), Hex(v["sig"]));
            Assert.True(flags.All(Tolerated.Contains) == ok, $"vector {v["number"]} with flags [{string.Join(", ", flags)}]: verified = {ok}");
            accepted += ok ? 1 : 0;
        }
        Assert.Equal(43, accepted); // 1 ordinary + 7 + 35 with only mixed-order components
    }

    private static byte[] Hex(JValue? v) => Convert.FromHexString(((JString)v!).Value);
}
