using LedgerCluster.Core.Scoring;
using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Tests.Scoring;

/// <summary>Edge cases beyond the vectors, each checked against CPython 3.11 behaviour.</summary>
public sealed class ScorerBehaviourTests
{
    private static bool Passes(string scorer, string output, string? expected) => Scorers.Get(scorer).Score(output, expected).Passed;

    [Theory]
    [InlineData("ﬁne", "FINE")]              // ligature folds to two letters
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφος")]       // final sigma folds to sigma
    [InlineData("ſ", "S")]                   // long s
    [InlineData("\u1E9E", "ss")]             // capital sharp s
    [InlineData("Ꭰ", "ꭰ")]                   // Cherokee folds to the capital
    [InlineData("\u0085\u3000 Paris\u2029\u001f", "paris")] // Python's whitespace set, not .NET's Trim set
    [InlineData("𐐀", "𐐨")]                   // astral (Deseret)
    public void Exact_match_strips_and_casefolds_like_python(string output, string expected) =>
        Assert.True(Passes("exact_match", output, expected));

    [Theory]
    [InlineData("\u200bParis", "Paris")]     // zero-width space is not whitespace to Python
    [InlineData("İ", "i")]                   // casefold gives i + combining dot
    [InlineData("\uFEFFParis", "Paris")]
    public void Exact_match_does_not_over_normalise(string output, string expected) =>
        Assert.False(Passes("exact_match", output, expected));

    [Theory]
    [InlineData("Result: ٤٢", "42", true)]    // Arabic-Indic digits are \d in Python and float() reads them
    [InlineData("𝟒𝟐", "42", true)]            // mathematical bold digits: astral decimal digits
    [InlineData("-+5", "5", true)]           // '-' not followed by a digit is skipped, then "+5"
    [InlineData("1.2.3", "1.2", true)]
    [InlineData("5.", "5", true)]
    [InlineData("x", "x", false)]
    [InlineData("1", "", false)]
    [InlineData("1" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "1e400", false)]
    public void Numeric_reads_the_first_number_like_python(string output, string expected, bool passed) =>
        Assert.Equal(passed, Passes("numeric", output, expected));

    [Fact]
    public void Numeric_and_gsm8k_need_an_expected_value()
    {
        Assert.False(Passes("numeric", "1", null));
        Assert.False(Passes("gsm8k", "1", null));
        Assert.Equal(ScoreResult.Fail, Scorers.Get("gsm8k").Score("1", null));
    }

    [Fact]
    public void Gsm8k_takes_the_last_number_of_both_sides() =>
        Assert.True(Passes("gsm8k", "3 apples and 4 pears make 7", "Natalia: 1 + 2 ... #### 7"));

    [Theory]
    [InlineData("(?P<n>ab)(?P=n)", "xabab", true)]      // Python named groups
    [InlineData("a\\Z", "a\n", false)]                  // \Z is the very end in Python
    [InlineData("a$", "a\n", true)]
    [InlineData("^a{,2}$", "aa", true)]                  // {,n} means {0,n} in Python
    [InlineData("\\_x\\é", "_xé", true)]                 // escaped word characters are literals in Python
    [InlineData("[a-c-[b]]", "-", false)]                // no .NET class subtraction: this is "[a-c-[b]" then "]"
    [InlineData("[a-c-[b]]", "-]", true)]
    [InlineData("(?i)paris", "PARIS", true)]
    [InlineData("(?i:p)aris", "Paris", true)]
    [InlineData("(?<n>a)", "a", false)]                  // .NET-only named group syntax is invalid in Python
    [InlineData("\\p{L}", "a", false)]                   // so is \p
    [InlineData("\\U0001F600", "😀", true)]
    [InlineData("(?#[unclosed)ok", "ok", true)]
    [InlineData("(?<=a)b", "ab", true)]
    [InlineData("a\\", "a", false)]
    [InlineData("[abc", "a", false)]
    public void Regex_match_uses_python_syntax(string pattern, string output, bool passed) =>
        Assert.Equal(passed, Passes("regex_match", output, pattern));

    [Fact]
    public void Catastrophic_regex_fails_instead_of_hanging()
    {
        var started = DateTime.UtcNow;
        Assert.False(Passes("regex_match", new string('a', 40) + "!", "^(a+)+$"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Python_splitlines_and_strip()
    {
        Assert.Equal(["a", "b", "", "c", "d", "e"], PythonString.SplitLines("a\r\nb\r\rc\u2028d\u001ee\n"));
        Assert.Empty(PythonString.SplitLines(""));
        Assert.Equal("x", PythonString.Strip("\u001c\u00a0x\u205f"));
        Assert.Equal("\u200bx", PythonString.Strip("\u200bx"));
        Assert.Equal("strasse", PythonString.CaseFold("Straße"));
    }
}
