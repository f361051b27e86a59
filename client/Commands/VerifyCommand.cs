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
        var json = CommonOptions.Json();
        var modelFlags = new ModelFlags();
        var command = new Command("verify", "Verify a run record offline: integrity, signature, inclusion, witnesses, reproduction")
        {
            record, proof, vkey, policy, gateway, benchmark, model, json,
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
            if (parse.GetValue(gateway) is { } url)
            {
                if (inputs.ProofText is not null) throw new CliException("give --proof or --gateway, not both");
                inputs = await FromGatewayAsync(recordJson, url, inputs, cancel);
            }
            if (parse.GetValue(benchmark) is { } dir)
            {
                var reproduction = await ReproduceAsync(recordJson, dir, parse.GetValue(model)!, parse, modelFlags, cancel);
                if (reproduction is not null) inputs = inputs with { Reproduce = _ => reproduction };
            }
            var report = RecordVerifier.Verify(recordJson, inputs);
            if (parse.GetValue(json)) console.WriteJson(report.ToJson());
            else foreach (var line in report.Lines()) console.Out.WriteLine(line);
            return report.Verified ? ExitCodes.Ok : ExitCodes.NotVerified;
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

    // Re-runs only records that are well-formed and intact; otherwise the Reproduction line says why it was skipped.
    internal static async Task<CheckResult?> ReproduceAsync(JValue json, string benchmarkDir, string spec, ParseResult parse, ModelFlags flags, CancellationToken cancel)
    {
        RunRecord record;
        try { record = RunRecord.Read(json); }
        catch (RecordSchemaException) { return null; }
        if (!record.IntegrityHolds()) return null;
        var bench = Inputs.Benchmark(benchmarkDir);
        var model = flags.Create(parse, spec, record.Body.Runner.Seed);
        try { return await Reproduction.CheckAsync(record, bench, model, cancel); }
        catch (Exception e) when (e is ModelException or ArgumentException)
        {
            return CheckResult.Failed(CheckNames.Reproduction, $"the re-run failed: {e.Message}");
        }
    }

    private static string? ReadOptional(string? path, string option) =>
        path is null ? null : File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"{option}: file not found: {path}");

    // A verifier key is short enough to pass inline; a path to a file holding it works too.
    private static string? ReadKey(string? value) => value is null ? null : File.Exists(value) ? File.ReadAllText(value).Trim() : value.Trim();
}
