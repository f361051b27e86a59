using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Translates a Python <c>re</c> pattern (str pattern, as verievals' <c>regex_match</c> uses it) into a .NET pattern that
/// matches exactly the same strings, by parsing it the way CPython's <c>sre_parse</c> does. <see cref="Translate"/> gives
/// null where Python rejects the pattern (verievals then fails the task), and throws
/// <see cref="UnsupportedPatternException"/> where no exact translation exists: <c>\N{...}</c> (needs the Unicode name
/// database), possessive quantifiers, atomic groups and global flags after the start (each behaves differently on the
/// Python 3.10 and 3.11+ that verievals supports), the ASCII and verbose flags, and back-references inside a look-behind.
/// Rewritten: <c>\s \w \d \b \B</c> and their negations (Python's Unicode definitions, see <see cref="PythonCharSets"/>),
/// <c>.</c> and classes (one code point, not one UTF-16 unit), named groups (numbered in Python's order), <c>\Z</c>,
/// <c>{,n}</c> and <c>{,}</c>, octal and <c>\U</c> escapes; variable-width look-behinds are rejected as Python rejects them.
/// </summary>
internal sealed class PythonRegex
{
    private const long Unbounded = PythonRegexScope.Unbounded;
    private const string Versions = "verievals supports Python 3.10 and later, and its score for this pattern depends on the version";

    private readonly string _p;
    private readonly StringBuilder _out = new();
    private readonly List<PythonRegexScope> _scopes = [new PythonRegexScope(PythonRegexScope.Kinds.Root, 0)];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly HashSet<int> _openGroups = [];
    private int _i;
    private int _groups;
    private bool _onlyFlagsSoFar = true;
    // The width of the last item a quantifier may repeat, or null when a quantifier here is "nothing to repeat".
    private (long Lo, long Hi)? _repeatable;
    private bool _afterQuantifier;
    private bool _ignoresCase;

    private PythonRegex(string pattern) => _p = pattern;

    /// <summary>
    /// The .NET pattern; null when Python's <c>re</c> rejects <paramref name="pattern"/>. Throws
    /// <see cref="UnsupportedPatternException"/> when no exact translation exists.
    /// </summary>
    public static PythonPattern? Translate(string pattern)
    {
        try { return new PythonRegex(pattern).Run(); }
        catch (PythonPatternError) { return null; }
    }

    private PythonPattern Run()
    {
        while (_i < _p.Length) Next();
        if (_scopes.Count > 1) throw new PythonPatternError("missing ), unterminated subpattern");
        return new PythonPattern(PythonCharSets.CodePointBoundary + _out, _ignoresCase);
    }

    private void Next()
    {
        var c = _p[_i];
        switch (c)
        {
            case '\\':
                _i++;
                Escape();
                break;
            case '[':
                _i++;
                Atom(ClassText(), (1, 1));
                break;
            case '(':
                _i++;
                OpenGroup();
                break;
            case ')':
                _i++;
                CloseGroup();
                break;
            case '|':
                _i++;
                Top.EndBranch();
                _out.Append('|');
                _repeatable = null;
                _afterQuantifier = false;
                _onlyFlagsSoFar = false;
                break;
            case '.':
                _i++;
                Atom(PythonCharSets.Dot, (1, 1));
                break;
            case '^' or '$':
                _i++;
                Anchor(c.ToString());
                break;
            case '*' or '+' or '?':
                _i++;
                Quantifier(c.ToString(), c == '+' ? 1 : 0, c == '?' ? 1 : Unbounded);
                break;
            case '{' when TryRepeat(out var min, out var max, out var end):
                _i = end;
                Quantifier(max == Unbounded ? $"{{{min},}}" : $"{{{min},{max}}}", min, max);
                break;
            default:
                Atom(LiteralText(ReadCodePoint()), (1, 1));
                break;
        }
    }

    private PythonRegexScope Top => _scopes[^1];

    private void Atom(string text, (long Lo, long Hi) width)
    {
        _out.Append(text);
        Top.Add(width);
        _repeatable = width;
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
    }

    private void Anchor(string text)
    {
        _out.Append(text);
        _repeatable = null; // Python: a quantifier after an anchor is "nothing to repeat"
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
    }

    private void Quantifier(string text, long min, long max)
    {
        if (_afterQuantifier)
        {
            // `a*+` is possessive in Python 3.11+ and "multiple repeat" in 3.10; `a**` is an error in both.
            if (text == "+") throw Unsupported($"possessive quantifiers (like a++) are an error in Python 3.10 and valid in 3.11+; {Versions}");
            throw new PythonPatternError("multiple repeat");
        }
        if (_repeatable is not { } width) throw new PythonPatternError("nothing to repeat");
        _out.Append(text);
        var lazy = _i < _p.Length && _p[_i] == '?';
        if (lazy)
        {
            _out.Append('?');
            _i++;
        }
        Top.Repeat(width, min, max);
        _repeatable = null;
        _afterQuantifier = true;
        _onlyFlagsSoFar = false;
    }

    // Python's `{m,n}`: m and n optional digits; anything else after `{` leaves it a literal.
    private bool TryRepeat(out long min, out long max, out int end)
    {
        (min, max, end) = (0, Unbounded, _i);
        var j = _i + 1;
        if (j < _p.Length && _p[j] == '}') return false;
        var lo = Digits(ref j);
        string hi;
        if (j < _p.Length && _p[j] == ',')
        {
            j++;
            hi = Digits(ref j);
        }
        else hi = lo;
        if (j >= _p.Length || _p[j] != '}') return false;
        if (lo.Length > 0) min = ParseRepeat(lo);
        if (hi.Length > 0) max = ParseRepeat(hi);
        if (max < min) throw new PythonPatternError("min repeat greater than max repeat");
        end = j + 1;
        return true;
    }

    private string Digits(ref int j)
    {
        var start = j;
        while (j < _p.Length && char.IsAsciiDigit(_p[j])) j++;
        return _p[start..j];
    }

    // Python refuses counts of 2**32 - 1 and more; .NET takes up to int.MaxValue, so refuse what only one of them takes.
    private long ParseRepeat(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < int.MaxValue ? n
            : throw Unsupported("a repeat count of 2**31 or more");

    private void Escape()
    {
        if (_i >= _p.Length) throw new PythonPatternError("bad escape (end of pattern)");
        var c = _p[_i];
        if (char.IsAsciiDigit(c))
        {
            EscapeDigits();
            return;
        }
        if (!char.IsAsciiLetter(c))
        {
            Atom(LiteralText(ReadCodePoint()), (1, 1)); // any other escaped character is itself
            return;
        }
        _i++;
        switch (c)
        {
            case 'A': Anchor(@"\A"); break;
            case 'Z': Anchor(@"\z"); break; // Python's \Z is the very end; .NET's \Z also allows a final newline
            case 'b': Anchor(PythonCharSets.WordBoundary); break;
            case 'B': Anchor(PythonCharSets.NotWordBoundary); break;
            case 'd': Atom(PythonCharSets.Digit, (1, 1)); break;
            case 'D': Atom(PythonCharSets.NotDigit, (1, 1)); break;
            case 's': Atom(PythonCharSets.Space, (1, 1)); break;
            case 'S': Atom(PythonCharSets.NotSpace, (1, 1)); break;
            case 'w': Atom(PythonCharSets.Word, (1, 1)); break;
            case 'W': Atom(PythonCharSets.NotWord, (1, 1)); break;
            default: Atom(LiteralText(CharEscape(c)), (1, 1)); break;
        }
    }

    // Python: `\0` and three octal digits are octal; otherwise one or two digits are a group reference.
    private void EscapeDigits()
    {
        var start = _i;
        if (_p[_i] == '0')
        {
            _i++;
            Atom(LiteralText(Octal(start, 2)), (1, 1));
            return;
        }
        _i++;
        if (_i < _p.Length && char.IsAsciiDigit(_p[_i]))
        {
            _i++;
            if (IsOctal(_p[start]) && IsOctal(_p[start + 1]) && _i < _p.Length && IsOctal(_p[_i]))
            {
                _i++;
                var value = Convert.ToInt32(_p[start.._i], 8);
                if (value > 0xFF) throw new PythonPatternError("octal escape value outside of range 0-0o377");
                Atom(LiteralText(value), (1, 1));
                return;
            }
        }
        var group = int.Parse(_p[start.._i], CultureInfo.InvariantCulture);
        Reference(group);
    }

    private void Reference(int group)
    {
        if (group > _groups) throw new PythonPatternError($"invalid group reference {group}");
        if (_openGroups.Contains(group)) throw new PythonPatternError("cannot refer to an open group");
        if (_scopes.Any(s => s.Kind == PythonRegexScope.Kinds.LookBehind)) throw Unsupported("a group reference inside a look-behind");
        Atom($@"\k<{group}>", (0, Unbounded));
    }

    private int Octal(int start, int moreDigits)
    {
        while (moreDigits-- > 0 && _i < _p.Length && IsOctal(_p[_i])) _i++;
        var value = Convert.ToInt32(_p[start.._i], 8);
        return value <= 0xFF ? value : throw new PythonPatternError("octal escape value outside of range 0-0o377");
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    // Escapes that stand for one character, in or out of a class: \a \f \n \r \t \v \x \u \U (\N cannot be looked up).
    private int CharEscape(char c) => c switch
    {
        'a' => 7,
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        'x' => Hex(2),
        'u' => Hex(4),
        'U' => Hex(8) is var cp && cp <= 0x10FFFF ? cp : throw new PythonPatternError("bad escape \\U"),
        'N' => throw Unsupported(@"\N{...} named characters need the Unicode character name database, which is not available here; write the character itself or a \u escape"),
        _ => throw new PythonPatternError($"bad escape \\{c}"),
    };

    private int Hex(int digits)
    {
        if (_i + digits > _p.Length || !int.TryParse(_p.AsSpan(_i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || _p.AsSpan(_i, digits).ContainsAnyExcept("0123456789abcdefABCDEF"))
            throw new PythonPatternError("incomplete escape");
        _i += digits;
        return value;
    }

    private string LiteralText(int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF
            ? throw Unsupported("a surrogate code point (a .NET string holds surrogate pairs where Python holds one character)")
            : char.IsAsciiLetterOrDigit((char)codePoint) && codePoint < 0x80 ? ((char)codePoint).ToString() : PythonCharSets.Literal(codePoint);

    private int ReadCodePoint()
    {
        if (char.IsHighSurrogate(_p[_i]) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
        {
            var cp = char.ConvertToUtf32(_p[_i], _p[_i + 1]);
            _i += 2;
            return cp;
        }
        return _p[_i++];
    }

    /// <summary>A Python character class as one .NET atom matching one code point.</summary>
    private string ClassText()
    {
        var negate = _i < _p.Length && _p[_i] == '^';
        if (negate) _i++;
        var start = _i;
        var members = new StringBuilder();
        var alternatives = new List<string>();
        while (true)
        {
            if (_i >= _p.Length) throw new PythonPatternError("unterminated character set");
            if (_p[_i] == ']' && _i != start)
            {
                _i++;
                break;
            }
            var (first, set) = ClassItem();
            if (_i < _p.Length && _p[_i] == '-')
            {
                _i++;
                if (_i >= _p.Length) throw new PythonPatternError("unterminated character set");
                if (_p[_i] == ']')
                {
                    _i++;
                    AddMember(first, set);
                    AddMember('-', null);
                    break;
                }
                var (last, set2) = ClassItem();
                if (set is not null || set2 is not null || last < first) throw new PythonPatternError("bad character range");
                AddRange(first, last);
            }
            else AddMember(first, set);
        }
        var positive = members.Length == 0 ? "" : $"[{members}]";
        if (alternatives.Count > 0) positive = $"(?:{string.Join("|", (members.Length == 0 ? alternatives : alternatives.Prepend(positive)))})";
        return negate ? PythonCharSets.Not(positive) : positive;

        void AddMember(int codePoint, string? set)
        {
            switch (set)
            {
                case null: AddRange(codePoint, codePoint); break;
                case "s": members.Append(PythonCharSets.SpaceMembers); break;
                case "w": alternatives.Add(PythonCharSets.Word); break;
                case "d": alternatives.Add(PythonCharSets.Digit); break;
                case "S": alternatives.Add(PythonCharSets.NotSpace); break;
                case "W": alternatives.Add(PythonCharSets.NotWord); break;
                default: alternatives.Add(PythonCharSets.NotDigit); break;
            }
        }

        void AddRange(int first, int last)
        {
            if (first <= 0xDFFF && last >= 0xD800)
                throw Unsupported("a surrogate code point (a .NET string holds surrogate pairs where Python holds one character)");
            var (bmp, astral) = PythonCharSets.Range(first, last);
            members.Append(bmp);
            if (astral is not null) alternatives.Add(astral);
        }
    }

    // One class member: a code point, or one of \d \D \s \S \w \W (returned by its letter).
    private (int CodePoint, string? Set) ClassItem()
    {
        if (_p[_i] != '\\') return (ReadCodePoint(), null);
        _i++;
        if (_i >= _p.Length) throw new PythonPatternError("unterminated character set");
        var c = _p[_i];
        if (c is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
        {
            _i++;
            return (0, c.ToString());
        }
        if (char.IsAsciiDigit(c))
        {
            if (!IsOctal(c)) throw new PythonPatternError($"bad escape \\{c}");
            var start = _i++;
            return (Octal(start, 2), null);
        }
        if (!char.IsAsciiLetter(c)) return (ReadCodePoint(), null);
        _i++;
        return (c == 'b' ? 8 : CharEscape(c), null); // \b in a class is a backspace
    }

    private void OpenGroup()
    {
        if (_i >= _p.Length || _p[_i] != '?')
        {
            Capture();
            return;
        }
        var rest = _p.AsSpan(_i + 1);
        if (rest.StartsWith("P<"))
        {
            var close = _p.IndexOf('>', _i + 3);
            if (close < 0) throw new PythonPatternError("missing >, unterminated name");
            var name = _p[(_i + 3)..close];
            if (!IsIdentifier(name)) throw new PythonPatternError($"bad character in group name '{name}'");
            if (_names.ContainsKey(name)) throw new PythonPatternError($"redefinition of group name '{name}'");
            _i = close + 1;
            _names[name] = Capture(); // a plain group in .NET, so groups keep Python's numbering
            return;
        }
        if (rest.StartsWith("P="))
        {
            var close = _p.IndexOf(')', _i);
            if (close < 0) throw new PythonPatternError("missing ), unterminated name");
            var name = _p[(_i + 3)..close];
            if (!_names.TryGetValue(name, out var number)) throw new PythonPatternError($"unknown group name '{name}'");
            _i = close + 1;
            Reference(number);
            return;
        }
        if (rest.StartsWith("#"))
        {
            var close = _p.IndexOf(')', _i);
            if (close < 0) throw new PythonPatternError("missing ), unterminated comment");
            _i = close + 1; // dropped: a quantifier after a comment repeats the item before it, as in Python
            return;
        }
        if (rest.StartsWith(":")) Push(PythonRegexScope.Kinds.Group, "(?:", 2);
        else if (rest.StartsWith("=") || rest.StartsWith("!")) Push(PythonRegexScope.Kinds.LookAhead, "(?" + rest[0], 2);
        else if (rest.StartsWith("<=") || rest.StartsWith("<!")) Push(PythonRegexScope.Kinds.LookBehind, "(?<" + rest[1], 3);
        else if (rest.StartsWith(">")) throw Unsupported($"atomic groups (?>...) are valid in Python 3.11+ and an error in 3.10; {Versions}");
        else if (rest.StartsWith("(")) Conditional();
        else Flags();
    }

    private int Capture()
    {
        var number = ++_groups;
        _openGroups.Add(number);
        _scopes.Add(new PythonRegexScope(PythonRegexScope.Kinds.Capture, number));
        _out.Append('(');
        _repeatable = null;
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
        return number;
    }

    private void Push(PythonRegexScope.Kinds kind, string text, int consumed)
    {
        _i += consumed;
        _scopes.Add(new PythonRegexScope(kind, 0));
        _out.Append(text);
        _repeatable = null;
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
    }

    // `(?(1)yes|no)` or `(?(name)yes|no)`: the reference must name an existing group.
    private void Conditional()
    {
        var close = _p.IndexOf(')', _i);
        if (close < 0) throw new PythonPatternError("missing ), unterminated name");
        var reference = _p[(_i + 2)..close];
        int number;
        if (reference.Length > 0 && reference.All(char.IsAsciiDigit))
        {
            number = int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
            if (number == 0 || number > _groups) throw new PythonPatternError($"invalid group reference {reference}");
        }
        else if (!_names.TryGetValue(reference, out number)) throw new PythonPatternError($"unknown group name '{reference}'");
        if (_scopes.Any(s => s.Kind == PythonRegexScope.Kinds.LookBehind)) throw Unsupported("a conditional group inside a look-behind");
        _i = close + 1;
        _scopes.Add(new PythonRegexScope(PythonRegexScope.Kinds.Conditional, 0));
        _out.Append("(?(").Append(number.ToString(CultureInfo.InvariantCulture)).Append(')');
        _repeatable = null;
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
    }

    /// <summary>Inline flags: <c>(?imsx)</c> for the whole pattern, or <c>(?i-s:...)</c> for a group.</summary>
    private void Flags()
    {
        var j = _i + 1;
        var on = new StringBuilder();
        var off = new StringBuilder();
        var target = on;
        var any = false;
        while (j < _p.Length && _p[j] is not (':' or ')'))
        {
            var f = _p[j++];
            any |= f != '-';
            switch (f)
            {
                case 'i' or 'm' or 's': target.Append(f); break;
                case 'u' when target == on: break; // Unicode matching is the default for str patterns
                case '-' when target == on: target = off; break;
                case 'a': throw Unsupported("the ASCII flag (?a) is not translated");
                case 'x': throw Unsupported("the verbose flag (?x) is not translated");
                case 't': throw Unsupported("the template flag (?t)");
                default: throw new PythonPatternError($"unknown flag {f}"); // includes L, which str patterns refuse
            }
        }
        if (j >= _p.Length) throw new PythonPatternError("missing -, : or )");
        if (!any || (target == off && off.Length == 0)) throw new PythonPatternError("missing flag");
        _ignoresCase |= on.ToString().Contains('i');
        if (_p[j] == ')')
        {
            if (target == off) throw new PythonPatternError("missing :");
            if (!_onlyFlagsSoFar)
                throw Unsupported($"global flags after the start of the pattern are an error in Python 3.11+ and apply to the whole pattern in 3.10; {Versions}");
            _i = j + 1;
            if (on.Length > 0) _out.Append("(?").Append(on).Append(')');
            return;
        }
        _i = j + 1;
        _scopes.Add(new PythonRegexScope(PythonRegexScope.Kinds.Group, 0));
        _out.Append("(?").Append(on).Append(off.Length > 0 ? "-" + off : "").Append(':');
        _repeatable = null;
        _afterQuantifier = false;
        _onlyFlagsSoFar = false;
    }

    private void CloseGroup()
    {
        if (_scopes.Count == 1) throw new PythonPatternError("unbalanced parenthesis");
        var scope = Top;
        _scopes.RemoveAt(_scopes.Count - 1);
        var (lo, hi) = scope.Width();
        if (scope.Kind == PythonRegexScope.Kinds.LookBehind && lo != hi) throw new PythonPatternError("look-behind requires fixed-width pattern");
        if (scope.Kind == PythonRegexScope.Kinds.Capture) _openGroups.Remove(scope.Number);
        _out.Append(')');
        var lookaround = scope.Kind is PythonRegexScope.Kinds.LookAhead or PythonRegexScope.Kinds.LookBehind;
        Top.Add(lookaround ? (0, 0) : (lo, hi));
        _repeatable = lookaround ? (0, 0) : (lo, hi);
        _afterQuantifier = false;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private UnsupportedPatternException Unsupported(string reason) => new(_p, reason);
}
