using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger verify RECORD [--proof F --vkey K --policy P] [--benchmark DIR --model SPEC]`: one line per check, then the verdict.</summary>
public static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var record = new Argument<string>("RECORD") { Description = "A run record JSON file" };
        var proof = new Option<string?>("--proof") { Description = "The record's .tlog-proof file (c2sp.org/tlog-proof@v1)" };
        var vkey = new Option<string?>("--vkey") { Description = "The log's note verifier key, or a file holding it (default: the policy's log line)" };
        var policy = new Option<string?>("--policy") { Description = "Witness policy file (tlog-policy format); the checkpoint must meet its quorum" };
        var gateway = GatewayOption.Create(required: false);
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark directory, to re-run the record (with --model)" };
        var model = new Option<string?>("--model") { Description = "Model spec to re-run the record with (deterministic models reproduce the exact body)" };
        var state = new Option<string?>("--state") { Description = $"With --gateway: file of the last checkpoint seen per log, to catch forks (default {Gateway.CheckpointMemory.DefaultPath})" };
        var json = CommonOptions.Json();
        var modelFlags = new ModelFlags();
        var command = new Command("verify", "Verify a run record offline: integrity, signature, inclusion, witnesses, reproduction")
        {
            record, proof, vkey, policy, gateway, state, benchmark, model, json,
        };
        modelFlags.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if ((parse.GetValue(benchmark) is null) != (parse.GetValue(model) is null))
                throw new CliException("--benchmark and --model go together (the re-run needs both)");
            var recordJson = Inputs.Json(parse.GetRequiredValue(record), "record");
            var inputs = new VerificationInputs
            {
                ProofText = ReadOptional(parse.GetValue(proof), "--proof"),
                LogVerifierKey = ReadKey(parse.GetValue(vkey)),
                PolicyText = ReadOptional(parse.GetValue(policy), "--policy"),
            };
            // A key or policy that does not parse is a usage error, not a failed inclusion check of the record.
            if (inputs.LogVerifierKey is { } keyText && !Core.Notes.NoteVerifierKey.TryParse(keyText, out _, out var keyError))
                throw new CliException($"--vkey: {keyError}");
            if (inputs.PolicyText is { } policyText && !Core.Notes.WitnessPolicy.TryParse(policyText, out _, out var policyError))
                throw new CliException($"--policy: {policyError}");
            Gateway.ForkEvidence? fork = null;
            if (parse.GetValue(gateway) is { } url)
            {
                if (inputs.ProofText is not null) throw new CliException("give --proof or --gateway, not both");
                inputs = await FromGatewayAsync(recordJson, url, inputs, cancel);
                fork = await CheckSplitViewAsync(url, inputs, new Gateway.CheckpointMemory(parse.GetValue(state) ?? Gateway.CheckpointMemory.DefaultPath), cancel);
            }
            if (parse.GetValue(benchmark) is { } dir)
            {
                var reproduction = await ReproduceAsync(console, recordJson, dir, parse.GetValue(model)!, parse, modelFlags, cancel);
                if (reproduction is not null) inputs = inputs with { Reproduce = _ => reproduction };
            }
            var report = RecordVerifier.Verify(recordJson, inputs);
            if (parse.GetValue(json))
            {
                var output = report.ToJson();
                if (fork is not null)
                    output.Add("fork", new JObject { { "origin", fork.Origin }, { "reason", fork.Reason }, { "earlier_checkpoint", fork.EarlierCheckpoint }, { "later_checkpoint", fork.LaterCheckpoint } });
                console.WriteJson(output);
            }
            else
            {
                foreach (var line in report.Lines()) console.Out.WriteLine(line);
                if (fork is not null)
                {
                    console.Out.WriteLine($"FORK: log {fork.Origin} shows a split view: {fork.Reason}");
                    console.Out.WriteLine("Checkpoint seen before:");
                    console.Out.Write(fork.EarlierCheckpoint);
                    console.Out.WriteLine("Checkpoint shown now:");
                    console.Out.Write(fork.LaterCheckpoint);
                }
            }
            return report.Verified && fork is null ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    // Fetches the record's proof; the log key comes from --vkey, else from the gateway's shard list.
    internal static async Task<VerificationInputs> FromGatewayAsync(JValue recordJson, string url, VerificationInputs inputs, CancellationToken cancel)
    {
        if (recordJson is not JObject o || o["content_hash"] is not JString { Value: var id } || !Core.Hashing.Hex.IsLowerHex(id, 32)) return inputs;
        using var client = GatewayOption.Connect(url);
        try
        {
            var proof = await GatewayOption.Call(url, () => client.GetProofAsync(id, cancel));
            var vkey = inputs.LogVerifierKey;
            if (vkey is null && inputs.PolicyText is null)
            {
                var origin = Core.Notes.TlogProof.Parse(proof).CheckpointBody.Origin;
                vkey = (await GatewayOption.Call(url, () => client.GetShardsAsync(cancel))).FirstOrDefault(s => s.Origin == origin)?.VerifierKey;
            }
            return inputs with { ProofText = proof, LogVerifierKey = vkey };
        }
        catch (Gateway.GatewayException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return inputs with { ProofUnavailable = $"record {id} is not in the log at {url}" };
        }
    }

    // The shard's latest checkpoint must extend what this client saw before (and the proof's checkpoint); a fork is evidence.
    private static async Task<Gateway.ForkEvidence?> CheckSplitViewAsync(string url, VerificationInputs inputs, Gateway.CheckpointMemory memory, CancellationToken cancel)
    {
        if (inputs.ProofText is null) return null;
        var proof = Core.Notes.TlogProof.Parse(inputs.ProofText);
        using var client = GatewayOption.Connect(url);
        var shard = (await GatewayOption.Call(url, () => client.GetShardsAsync(cancel))).FirstOrDefault(s => s.Origin == proof.CheckpointBody.Origin);
        if (shard is null || !Core.Notes.NoteVerifierKey.TryParse(inputs.LogVerifierKey ?? shard.VerifierKey, out var key)) return null;
        return await GatewayOption.Call(url, () => Gateway.SplitViewGuard.CheckAsync(client, memory, shard.Shard, key, proof.Checkpoint.Format(), cancel));
    }

    // Re-runs only records that are well-formed and intact; otherwise the Reproduction line says why it was skipped.
    internal static async Task<CheckResult?> ReproduceAsync(CliConsole console, JValue json, string benchmarkDir, string spec, ParseResult parse, ModelFlags flags, CancellationToken cancel)
    {
        RunRecord record;
        try { record = RunRecord.Read(json); }
        catch (RecordSchemaException) { return null; }
        if (!record.IntegrityHolds()) return null;
        var bench = Inputs.Benchmark(benchmarkDir, console);
        var model = flags.Create(parse, spec, record.Body.Runner.Seed);
        try { return await Reproduction.CheckAsync(record, bench, model, cancel); }
        catch (Core.Scoring.UnsupportedPatternException e)
        {
            // No exact re-score is possible, so the re-run proves nothing either way.
            return CheckResult.Skipped(CheckNames.Reproduction, e.Message);
        }
        catch (Exception e) when (e is ModelException or ArgumentException)
        {
            return CheckResult.Failed(CheckNames.Reproduction, $"the re-run failed: {e.Message}");
        }
    }

    internal static string? ReadOptional(string? path, string option) =>
        path is null ? null : File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"{option}: file not found: {path}");

    // A verifier key is short enough to pass inline; a path to a file holding it works too.
    internal static string? ReadKey(string? value) => value is null ? null : File.Exists(value) ? File.ReadAllText(value).Trim() : value.Trim();
}
