using System.CommandLine;
using System.Globalization;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger audit paired|contamination|power`: is B really better than A (or a protocol/truncation artifact), did
/// the benchmark leak into training text, and how large a difference can n items detect at all.
/// </summary>
public static class AuditCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // The verdicts that blame the set-up rather than the model: what --fail-on-artifact gates on.
    private static readonly VerdictKind[] ArtifactVerdicts = [VerdictKind.LikelyTruncationArtifact, VerdictKind.SignificantButProtocolDiffers];

    public static Command Create(CliConsole console)
    {
        var command = new Command("audit", "Audit evaluation results: paired comparisons, contamination, sample size");
        command.Subcommands.Add(Paired(console));
        command.Subcommands.Add(Contamination(console));
        command.Subcommands.Add(Power(console));
        return command;
    }

    private static Command Paired(CliConsole console)
    {
        var a = new Option<string>("--a") { HelpName = "FILE", Description = "Side A: a run record, or per-item results ({\"results\": [{\"id\", \"correct\"}]} or JSONL)", Required = true };
        var b = new Option<string>("--b") { HelpName = "FILE", Description = "Side B, the same kinds of file; items are paired by id", Required = true };
        var report = new Option<string?>("--report") { HelpName = "FILE.md", Description = "Also write a Markdown report (with an inline SVG chart) to this file" };
        var seed = new Option<long>("--seed") { HelpName = "N", Description = "Seed of the paired bootstrap (the same seed gives the same interval)", DefaultValueFactory = _ => 0 };
        var failOnArtifact = new Option<bool>("--fail-on-artifact")
        {
            Description = "Exit 1 when the verdict blames the set-up: a significant difference that truncation or a differing setting likely explains",
        };
        var json = CommonOptions.Json();
        var command = new Command("paired", "Compare two runs item by item: McNemar, Wilson and bootstrap intervals, protocol diff, truncation, verdict")
        {
            a, b, report, seed, failOnArtifact, json,
        };
        command.SetAction(parse =>
        {
            var sideA = LoadSide(parse.GetRequiredValue(a), "--a");
            var sideB = LoadSide(parse.GetRequiredValue(b), "--b");
            PairedAuditResult result;
            try { result = PairedAudit.Run(sideA, sideB, parse.GetValue(seed)); }
            catch (AuditInputException e) { throw new CliException(e.Message); }

            if (parse.GetValue(report) is { } reportPath) WriteReport(reportPath, result.ToMarkdown());
            if (parse.GetValue(json)) console.WriteJson(result.ToJson());
            else
            {
                foreach (var line in PairedLines(result)) console.Out.WriteLine(line);
                if (parse.GetValue(report) is { } written) console.Out.WriteLine($"Report written to {written}");
            }

            if (parse.GetValue(failOnArtifact) && ArtifactVerdicts.Contains(result.VerdictKind))
            {
                console.Error.WriteLine($"ledger: --fail-on-artifact: verdict {result.VerdictKind}: the difference is likely an artifact of the protocol or truncation");
                return ExitCodes.NotVerified;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Contamination(CliConsole console)
    {
        var train = new Option<string>("--train") { HelpName = "FILE", Description = "Training text: JSON Lines (every string value is text) or plain text", Required = true };
        var benchmark = new Option<string>("--benchmark") { HelpName = "DIR", Description = "Benchmark directory (benchmark.yaml + tasks.jsonl)", Required = true };
        var threshold = new Option<double>("--threshold")
        {
            HelpName = "X",
            Description = "Flag an item when at least this share of its n-grams occurs in the training text (0 to 1)",
            DefaultValueFactory = _ => ContaminationOptions.Default.Threshold,
        };
        var includeExpected = new Option<bool>("--include-expected") { Description = "Match each prompt together with its expected answer" };
        var report = new Option<string?>("--report") { HelpName = "FILE.md", Description = "Also write a Markdown report to this file" };
        var failOnContamination = new Option<bool>("--fail-on-contamination") { Description = "Exit 1 when any benchmark item is flagged" };
        var json = CommonOptions.Json();
        var command = new Command("contamination", "Check benchmark items against training text by n-gram containment")
        {
            train, benchmark, threshold, includeExpected, report, failOnContamination, json,
        };
        command.SetAction(parse =>
        {
            var trainPath = parse.GetRequiredValue(train);
            if (!File.Exists(trainPath)) throw new CliException($"--train: file not found: {trainPath}");
            var options = new ContaminationOptions { Threshold = parse.GetValue(threshold), IncludeExpected = parse.GetValue(includeExpected) };
            if (options.Threshold is < 0 or > 1 || double.IsNaN(options.Threshold))
                throw new CliException($"--threshold must be within [0, 1], got {options.Threshold.ToString(C)}");
            var tasks = Inputs.Benchmark(parse.GetRequiredValue(benchmark), console).Tasks.Select(t => (t.Id, t.Prompt, t.Expected)).ToList();

            ContaminationReport result;
            try { result = ContaminationScanner.Scan(tasks, trainPath, options); }
            catch (ArgumentException e) { throw new CliException(e.Message); }

            if (parse.GetValue(report) is { } reportPath) WriteReport(reportPath, result.ToMarkdown());
            if (parse.GetValue(json)) console.WriteJson(result.ToJson());
            else
            {
                foreach (var line in ContaminationLines(result)) console.Out.WriteLine(line);
                if (parse.GetValue(report) is { } written) console.Out.WriteLine($"Report written to {written}");
            }

            var flagged = result.Flagged.Count();
            if (parse.GetValue(failOnContamination) && flagged > 0)
            {
                console.Error.WriteLine($"ledger: --fail-on-contamination: {flagged} of {result.Findings.Count} benchmark items flagged");
                return ExitCodes.NotVerified;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Power(CliConsole console)
    {
        var n = new Option<int>("--n") { HelpName = "N", Description = "Number of paired items", Required = true };
        var discordance = new Option<double>("--discordance") { HelpName = "D", Description = "Expected share of discordant items, (b + c) / n, in (0, 1]", Required = true };
        var alpha = new Option<double>("--alpha") { HelpName = "A", Description = "Two-sided significance level", DefaultValueFactory = _ => PairedStatistics.Alpha };
        var power = new Option<double>("--power") { HelpName = "P", Description = "Power: the chance of detecting a true difference of that size", DefaultValueFactory = _ => PairedStatistics.Power };
        var json = CommonOptions.Json();
        var command = new Command("power", "The smallest paired accuracy difference n items can reliably detect (McNemar, Connor 1987)")
        {
            n, discordance, alpha, power, json,
        };
        command.SetAction(parse =>
        {
            var (items, d, a, p) = (parse.GetValue(n), parse.GetValue(discordance), parse.GetValue(alpha), parse.GetValue(power));
            if (items < 1) throw new CliException($"--n must be at least 1, got {items.ToString(C)}");
            if (!(d > 0 && d <= 1)) throw new CliException($"--discordance must be in (0, 1] (a share of the items, e.g. 0.3), got {d.ToString(C)}");
            if (!(a > 0 && a < 1)) throw new CliException($"--alpha must be in (0, 1), got {a.ToString(C)}");
            if (!(p > 0 && p < 1)) throw new CliException($"--power must be in (0, 1), got {p.ToString(C)}");
            var mde = PairedStatistics.MinimumDetectableDifference(items, d, a, p)
                ?? throw new CliException($"--n {items.ToString(C)} is too small for alpha {a.ToString(C)} and power {p.ToString(C)}: "
                    + $"the normal approximation needs n of at least {SmallestUsableN(items, d, a, p)}");

            if (parse.GetValue(json))
            {
                console.WriteJson(new JObject
                {
                    { "n", items }, { "discordance", d }, { "alpha", a }, { "power", p },
                    { "discordant_items", d * items }, { "min_detectable_diff", mde },
                });
                return ExitCodes.Ok;
            }
            console.Out.WriteLine(Invariant($"Minimum detectable difference: {mde * 100:0.0} points of accuracy (B - A, either direction)"));
            console.Out.WriteLine(Invariant($"n = {items} paired items, {d * 100:0.#}% discordant (about {d * items:0.#} items), two-sided alpha {a}, power {p}"));
            console.Out.WriteLine(mde >= d
                ? "No difference is reliably detectable: a paired difference cannot exceed the discordance rate; use more items."
                : "Smaller true differences will usually not reach significance; more items (or fewer discordant ones) lower this.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static PairedInput LoadSide(string path, string option)
    {
        if (!File.Exists(path)) throw new CliException($"{option}: file not found: {path}");
        try { return PairedInput.Load(path); }
        catch (AuditInputException e) { throw new CliException($"{option}: {BrokenJsonDocument(path) ?? e.Message}"); }
    }

    // The reader falls back to JSON Lines when the whole file is not JSON, so a pretty-printed document with one
    // syntax error would be reported as "line 1: not JSON". Name the line where the document actually breaks.
    private static string? BrokenJsonDocument(string path)
    {
        var text = File.ReadAllText(path);
        var first = text.Split('\n').FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        if (first is null || first.Length == 0 || first[0] is not ('{' or '[')) return null;
        if (Parses(first)) return null; // JSON Lines: the reader's own line numbers are right
        try
        {
            JsonParser.Parse(text);
            return null;
        }
        catch (JsonParseException e) { return Invariant($"{path}:{e.Line}: invalid JSON: {e.Reason} (column {e.Column})"); }
    }

    private static bool Parses(string json)
    {
        try
        {
            JsonParser.Parse(json);
            return true;
        }
        catch (JsonParseException) { return false; }
    }

    private static int SmallestUsableN(int from, double d, double alpha, double power)
    {
        for (var n = from; n < 10_000_000; n++)
            if (PairedStatistics.MinimumDetectableDifference(n, d, alpha, power) is not null) return n;
        throw new CliException($"--alpha {alpha.ToString(C)} and --power {power.ToString(C)} are too extreme for any sample size");
    }

    private static void WriteReport(string path, string markdown)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            File.WriteAllText(path, markdown);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CliException($"--report {path}: {e.Message}"); }
    }

    private static IEnumerable<string> PairedLines(PairedAuditResult r)
    {
        var t = r.Table;
        yield return $"Paired audit: A = {r.A.Label}, B = {r.B.Label}";
        yield return Invariant($"n = {r.N} items scored on both sides (A has {r.A.Items}, B has {r.B.Items})");
        if (r.N > 0)
        {
            yield return "             B right  B wrong";
            yield return Invariant($"  A right   {t.Both,7}  {t.OnlyA,7}   b = {t.OnlyA} only A right");
            yield return Invariant($"  A wrong   {t.OnlyB,7}  {t.Neither,7}   c = {t.OnlyB} only B right");
            yield return Invariant($"Accuracy A: {Percent(r.AccuracyA!.Value)} (Wilson 95% {Percent(r.WilsonA.Lower)} to {Percent(r.WilsonA.Upper)})");
            yield return Invariant($"Accuracy B: {Percent(r.AccuracyB!.Value)} (Wilson 95% {Percent(r.WilsonB.Lower)} to {Percent(r.WilsonB.Upper)})");
            yield return Invariant($"B - A: {Points(r.Difference!.Value)} points (paired bootstrap 95% {Points(r.Bootstrap95.Lower)} to {Points(r.Bootstrap95.Upper)}, seed {r.Seed})");
            yield return Invariant($"McNemar exact p {P(r.McNemarExactP)}, mid-p {P(r.McNemarMidP)} ({t.Discordant} discordant items)");
        }
        if (r.ProtocolDiff.Count == 0)
            yield return r.A.Settings == 0 && r.B.Settings == 0 ? "Protocol: neither input records its settings" : "Protocol: no recorded setting differs";
        else
        {
            yield return "Protocol differences (A vs B):";
            foreach (var d in r.ProtocolDiff) yield return $"  {d.Field}: {Value(d.A)} vs {Value(d.B)}";
        }
        yield return $"Truncation: A {Truncation(r.Truncation.ATruncated, r.Truncation.AKnown, r.Truncation.ATokenLimit)}, "
            + $"B {Truncation(r.Truncation.BTruncated, r.Truncation.BKnown, r.Truncation.BTokenLimit)}";
        var u = r.Unpaired;
        var groups = new[] { (u.OnlyInA, "only in A"), (u.OnlyInB, "only in B"), (u.NoCorrectA, "in A without \"correct\""), (u.NoCorrectB, "in B without \"correct\"") }
            .Where(g => g.Item1.Count > 0)
            .Select(g => Invariant($"{g.Item1.Count} {g.Item2} ({string.Join(", ", g.Item1.Examples)}{(g.Item1.Count > g.Item1.Examples.Count ? ", ..." : "")})"))
            .ToList();
        yield return "Unpaired: " + (groups.Count == 0 ? "none" : string.Join("; ", groups));
        yield return $"Verdict: {r.Verdict}";
    }

    private static IEnumerable<string> ContaminationLines(ContaminationReport r)
    {
        var flagged = r.Flagged.OrderByDescending(f => f.Containment).ToList();
        var o = r.Options;
        yield return Invariant($"Contamination scan: {flagged.Count} of {r.Findings.Count} benchmark items flagged ")
            + Invariant($"(containment >= {o.Threshold:0.##} of word {o.WordN}-grams; character {o.CharN}-grams for items under {o.ShortItemWords} words)");
        yield return Invariant($"Training text: {r.Training.Name}, {r.Training.Documents} documents, {r.Training.Words} words");
        foreach (var f in flagged) yield return Finding(f);
        if (flagged.Count == 0)
            yield return r.WithMatches.FirstOrDefault() is { } closest
                ? "No item reaches the threshold; the closest: " + Finding(closest).TrimStart()
                : "No benchmark n-gram occurs in the training text.";
    }

    private static string Finding(ContaminationFinding f)
    {
        var method = f.Method == MatchMethod.Chars ? "character" : "word";
        var text = Invariant($"  {f.Id}: containment {f.Containment * 100:0}% ({f.Matched}/{f.NGrams} {method} n-grams)");
        if (f.Span is not { } s) return text;
        var lines = s.StartLine == s.EndLine ? Invariant($"line {s.StartLine}") : Invariant($"lines {s.StartLine}-{s.EndLine}");
        var excerpt = s.Excerpt.ReplaceLineEndings(" ");
        if (excerpt.Length > 100) excerpt = excerpt[..100] + "...";
        return $"{text}, training {lines}: \"{excerpt}\"";
    }

    private static string Truncation(int truncated, int known, long? limit) => known == 0
        ? "not recorded"
        : Invariant($"{Percent((double)truncated / known)} ({truncated}/{known}{(limit is { } l ? Invariant($", limit {l}") : "")})");

    private static string Percent(double share) => (share * 100).ToString("0.0", C) + "%";

    private static string Points(double diff) => (diff >= 0 ? "+" : "-") + Math.Abs(diff * 100).ToString("0.0", C);

    private static string P(double p) => p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", C);

    private static string Value(JValue value) => value switch
    {
        JNull => "unset",
        JString s => s.Value,
        _ => CanonicalJson.Serialize(value),
    };

    private static string Invariant(FormattableString text) => text.ToString(C);
}
