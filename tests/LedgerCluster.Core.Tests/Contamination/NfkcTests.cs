using LedgerCluster.Core.Contamination;

namespace LedgerCluster.Core.Tests.Contamination;

/// <summary>NFKC (through ICU) against Python's unicodedata.normalize("NFKC", ...) (expected values from python3 3.11).</summary>
public sealed class NfkcTests
{
    [Theory]
    [InlineData("Ｊａｎｅｔ", "Janet")]                         // fullwidth → ASCII
    [InlineData("ﬁne ﬄow", "fine fflow")]                      // ligatures
    [InlineData("e\u0301cole", "\u00e9cole")]                  // decomposed → composed
    [InlineData("\u212b", "\u00c5")]                            // ANGSTROM SIGN → Å (singleton)
    [InlineData("½ ㎏ ²", "1\u20442 kg 2")]                     // compatibility forms
    [InlineData("a\u0323\u0302", "\u1ead")]                    // reordered marks compose: ậ
    [InlineData("a\u0302\u0323", "\u1ead")]
    [InlineData("\u1100\u1161\u11a8", "\uac01")]               // Hangul jamo → syllable 각
    [InlineData("\u00a0x\u3000y", " x y")]                      // no-break and ideographic spaces
    [InlineData("\U0001D400", "A")]                             // MATHEMATICAL BOLD CAPITAL A (surrogate pair)
    [InlineData("plain ascii, unchanged", "plain ascii, unchanged")]
    public void Matches_python(string input, string expected) => Assert.Equal(expected, Nfkc.Normalize(input));

    [Fact]
    public void Lone_surrogates_pass_through() => Assert.Equal("a\ud800b", Nfkc.Normalize("a\ud800b"));

    [Fact]
    public void Case_folding_goes_beyond_lowercase()
    {
        Assert.Equal("strasse οδοσ", TextNormalizer.Normalize("STRAẞE ΟΔΟς")); // python3: unicodedata.normalize("NFKC", s).casefold()
        Assert.Equal(TextNormalizer.Normalize("Straße"), TextNormalizer.Normalize("STRASSE"));
    }
}
