namespace LedgerCluster.Core.Notes;

/// <summary>Line-by-line parser for <see cref="WitnessPolicy"/>; every error names the offending line.</summary>
internal static class WitnessPolicyParser
{
    private sealed class State
    {
        public readonly List<PolicyLog> Logs = [];
        public readonly List<PolicyWitness> Witnesses = [];
        public readonly List<PolicyGroup> Groups = [];
        public readonly HashSet<string> Names = new(StringComparer.Ordinal);
        public string? Quorum;
        public bool HasQuorum;
    }

    internal static WitnessPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > WitnessPolicy.MaxPolicyBytes) throw new FormatException($"policy is over the limit of {WitnessPolicy.MaxPolicyBytes} bytes");
        CheckCharacters(text);
        var state = new State();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            try { ParseLine(fields, state); }
            catch (FormatException e) { throw new FormatException($"policy line {i + 1}: {e.Message}"); }
        }
        if (!state.HasQuorum) throw new FormatException("policy has no quorum line (use 'quorum none' to require no cosignatures)");
        return WitnessPolicy.Create(state.Logs.AsReadOnly(), state.Witnesses.AsReadOnly(), state.Groups.AsReadOnly(), state.Quorum);
    }

    /// <summary>The spec allows tab, newline, printable ASCII and any non-ASCII; DEL and CR are out.</summary>
    private static void CheckCharacters(string text)
    {
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; continue; }
            if (c == '\t' || c is >= ' ' and <= '~') continue;
            if (c < 0x80) throw new FormatException($"policy line {line}: character U+{(int)c:X4} is not allowed");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) throw new FormatException($"policy line {line}: lone surrogate U+{(int)c:X4} is not valid UTF-8");
        }
    }

    private static void ParseLine(string[] fields, State state)
    {
        switch (fields[0])
        {
            case "log": ParseLog(fields, state); break;
            case "witness": ParseWitness(fields, state); break;
            case "group": ParseGroup(fields, state); break;
            case "quorum": ParseQuorum(fields, state); break;
            default: throw new FormatException($"unknown keyword '{fields[0]}' (want log, witness, group or quorum)");
        }
    }

    private static void ParseLog(string[] fields, State state)
    {
        if (fields.Length is < 2 or > 3) throw new FormatException("expected 'log <vkey> [url]'");
        var key = ParseKey(fields[1], NoteKeyType.Ed25519, "log");
        if (state.Logs.Any(l => l.Key.PublicKeySpan.SequenceEqual(key.PublicKeySpan)))
            throw new FormatException($"duplicate log key {key.Name}");
        if (state.Logs.Count >= WitnessPolicy.MaxLogs) throw new FormatException($"more than {WitnessPolicy.MaxLogs} logs");
        state.Logs.Add(new PolicyLog(key, fields.Length == 3 ? fields[2] : null));
    }

    private static void ParseWitness(string[] fields, State state)
    {
        if (fields.Length is < 3 or > 4) throw new FormatException("expected 'witness <name> <vkey> [url]'");
        var name = NewName(fields[1], state);
        var key = ParseKey(fields[2], NoteKeyType.CosignatureV1, "witness");
        // Two vkeys wrapping the same public key are duplicates whatever their names (tlog-policy).
        if (state.Witnesses.Any(w => w.Key.PublicKeySpan.SequenceEqual(key.PublicKeySpan)))
            throw new FormatException($"witness '{name}' reuses the public key of an earlier witness");
        if (state.Witnesses.Count >= WitnessPolicy.MaxWitnesses) throw new FormatException($"more than {WitnessPolicy.MaxWitnesses} witnesses");
        state.Names.Add(name);
        state.Witnesses.Add(new PolicyWitness(name, key, fields.Length == 4 ? fields[3] : null));
    }

    private static void ParseGroup(string[] fields, State state)
    {
        if (fields.Length < 4) throw new FormatException("expected 'group <name> all|any|<k> <member>...' with at least one member");
        var name = NewName(fields[1], state);
        var members = fields[3..];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member == WitnessPolicy.NoneName) throw new FormatException($"'{WitnessPolicy.NoneName}' cannot be a group member");
            if (!state.Names.Contains(member)) throw new FormatException($"group member '{member}' is not a witness or group defined on an earlier line");
            if (!seen.Add(member)) throw new FormatException($"group member '{member}' is listed twice");
        }
        var threshold = fields[2] switch
        {
            "all" => members.Length,
            "any" => 1,
            var k when NoteEncoding.TryParseDecimal(k, out var value) && value >= 1 && value <= (ulong)members.Length => (int)value,
            var k => throw new FormatException($"group threshold '{k}' must be all, any or a decimal k with 1 <= k <= {members.Length}"),
        };
        if (state.Groups.Count >= WitnessPolicy.MaxGroups) throw new FormatException($"more than {WitnessPolicy.MaxGroups} groups");
        state.Names.Add(name);
        state.Groups.Add(new PolicyGroup(name, threshold, Array.AsReadOnly(members)));
    }

    private static void ParseQuorum(string[] fields, State state)
    {
        if (fields.Length != 2) throw new FormatException("expected 'quorum <name>' or 'quorum none'");
        if (state.HasQuorum) throw new FormatException("a policy has exactly one quorum line");
        var name = fields[1];
        if (name != WitnessPolicy.NoneName && !state.Names.Contains(name))
            throw new FormatException($"quorum '{name}' is not a witness or group defined on an earlier line");
        state.HasQuorum = true;
        state.Quorum = name == WitnessPolicy.NoneName ? null : name;
    }

    private static string NewName(string name, State state)
    {
        if (name == WitnessPolicy.NoneName) throw new FormatException($"'{WitnessPolicy.NoneName}' is predefined and cannot be redefined");
        if (state.Names.Contains(name)) throw new FormatException($"name '{name}' is already defined");
        return name;
    }

    private static NoteVerifierKey ParseKey(string text, NoteKeyType want, string role)
    {
        if (!NoteVerifierKey.TryParse(text, out var key, out var error)) throw new FormatException($"{role} key: {error}");
        if (key.Type != want) throw new FormatException($"{role} key {key.Name} has type 0x{(byte)key.Type:x2}; a {role} key must be type 0x{(byte)want:x2}");
        return key;
    }
}
