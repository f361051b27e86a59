using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Witness;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Verification;
using LedgerCluster.Core.Witness;
using Microsoft.Extensions.Hosting;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger witness keygen|serve|attest`: run a witness of your own, and attest records with its key.</summary>
public static class WitnessCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("witness", "Be a witness: co-sign consistent checkpoints (tlog-witness) and attest records");
        command.Subcommands.Add(Keygen(console));
        command.Subcommands.Add(Serve(console));
        command.Subcommands.Add(Attest(console));
        return command;
    }

    private static Command Keygen(CliConsole console)
    {
        var name = new Option<string>("--name") { Description = "The witness's key name, e.g. witness.example.org", Required = true };
        var prefix = new Option<string>("--out", "-o") { Description = "Path prefix: writes PREFIX.key (secret, mode 0600) and PREFIX.vkey", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files" };
        var json = CommonOptions.Json();
        var command = new Command("keygen", "Generate a witness key (cosignature/v1): PREFIX.key and PREFIX.vkey for a policy's witness line") { name, prefix, force, json };
        command.SetAction(parse =>
        {
            (string Key, string VerifierKeyPath, NoteVerifierKey VerifierKey) made;
            try { made = WitnessKeyFiles.Create(parse.GetRequiredValue(name), parse.GetRequiredValue(prefix), parse.GetValue(force)); }
            catch (ArgumentException e) { throw new CliException($"--name: {e.Message}"); }
            if (parse.GetValue(json))
                console.WriteJson(new JObject { { "private_key_file", made.Key }, { "verifier_key_file", made.VerifierKeyPath }, { "verifier_key", made.VerifierKey.ToString() } });
            else
            {
                console.Out.WriteLine($"Wrote {made.Key} (secret, mode 0600) and {made.VerifierKeyPath}");
                console.Out.WriteLine($"Verifier key: {made.VerifierKey}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Serve(CliConsole console)
    {
        var port = new Option<int>("--port", "-p") { Description = "HTTP port", DefaultValueFactory = _ => 8090 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var state = new Option<string>("--state") { Description = "State directory (latest cosigned size and root per log; kept across restarts)", Required = true };
        var key = new Option<string>("--key") { Description = "The witness key file from `ledger witness keygen`", Required = true };
        var logs = new Option<string[]>("--log-vkey") { Description = "A log's verifier key (or a file of them, one per line) to witness; repeatable", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("serve", "Run a stand-alone witness: POST /add-checkpoint (c2sp.org/tlog-witness)") { port, host, state, key, logs, json };
        command.SetAction(async (parse, cancel) =>
        {
            var logKeys = parse.GetRequiredValue(logs).SelectMany(ReadKeys).ToList();
            NoteSigner signer;
            try { signer = WitnessKeyFiles.Load(parse.GetRequiredValue(key)); }
            catch (Exception e) when (e is FileNotFoundException or FormatException) { throw new CliException($"--key: {e.Message}"); }
            using var witness = new DurableWitness(parse.GetRequiredValue(state), signer, logKeys);
            var app = WitnessServer.Build(witness, parse.GetRequiredValue(host), parse.GetValue(port));
            await using (app)
            {
                await app.StartAsync(cancel);
                var url = $"http://{parse.GetRequiredValue(host)}:{parse.GetValue(port)}/add-checkpoint";
                if (parse.GetValue(json))
                    console.WriteJson(new JObject { { "url", url }, { "verifier_key", witness.VerifierKey.ToString() }, { "origins", new JArray(witness.Origins.Select(o => (JValue)o).ToList()) } });
                else
                {
                    console.Out.WriteLine($"Witness {witness.VerifierKey.Name} on {url} for {string.Join(", ", witness.Origins)}");
                    console.Out.WriteLine($"Verifier key: {witness.VerifierKey}");
                }
                console.Out.Flush();
                await app.WaitForShutdownAsync(cancel);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Attest(CliConsole console)
    {
        var record = new Argument<string>("RECORD") { Description = "The run record JSON file to re-check and attest" };
        var key = new Option<string>("--key") { Description = "The witness key file from `ledger witness keygen`", Required = true };
        var statement = new Option<string>("--statement") { Description = "verified (integrity, signature, inclusion) or reproduced (also a re-run)", Required = true };
        statement.AcceptOnlyFromAmong([.. RecordAttestation.Statements]);
        var gateway = GatewayOption.Create(required: true);
        var vkey = new Option<string?>("--vkey") { Description = "The log's note verifier key, or a file holding it: the key this witness trusts (not the gateway's word)" };
        var policy = new Option<string?>("--policy") { Description = "Witness policy file (tlog-policy) naming the log key (and the quorum the proof's checkpoint must meet)" };
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark directory, for the re-run of --statement reproduced" };
        var model = new Option<string?>("--model") { Description = "Model spec for the re-run of --statement reproduced" };
        var json = CommonOptions.Json();
        var modelFlags = new ModelFlags();
        var command = new Command("attest", "Re-check a logged record (and re-run it for `reproduced`), then sign and post an attestation")
        {
            record, key, statement, gateway, vkey, policy, benchmark, model, json,
        };
        modelFlags.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var what = parse.GetRequiredValue(statement);
            var reproduce = what == "reproduced";
            if (reproduce && (parse.GetValue(benchmark) is null || parse.GetValue(model) is null))
                throw new CliException("--statement reproduced needs --benchmark and --model (the record is re-run before attesting)");
            NoteSigner signer;
            try { signer = WitnessKeyFiles.Load(parse.GetRequiredValue(key)); }
            catch (Exception e) when (e is FileNotFoundException or FormatException) { throw new CliException($"--key: {e.Message}"); }
            using var _ = signer;
            var recordJson = Inputs.Json(parse.GetRequiredValue(record), "record");
            var url = parse.GetRequiredValue(gateway);
            // An attestation is an independent re-check: inclusion is checked against a log key the witness holds itself.
            var pinned = new VerificationInputs
            {
                LogVerifierKey = VerifyCommand.ReadKey(parse.GetValue(vkey)),
                PolicyText = VerifyCommand.ReadOptional(parse.GetValue(policy), "--policy"),
            };
            if (pinned.LogVerifierKey is null && pinned.PolicyText is null)
                throw new CliException("give the log's key with --vkey (or a --policy with its `log` line): a witness does not take the log key from the gateway it checks");
            var inputs = await VerifyCommand.FromGatewayAsync(recordJson, url, pinned, cancel);
            if (reproduce && await VerifyCommand.ReproduceAsync(console, recordJson, parse.GetValue(benchmark)!, parse.GetValue(model)!, parse, modelFlags, cancel) is { } rerun)
                inputs = inputs with { Reproduce = _ => rerun };
            var report = RecordVerifier.Verify(recordJson, inputs);
            var needed = reproduce ? new[] { CheckNames.Integrity, CheckNames.Signature, CheckNames.Inclusion, CheckNames.Reproduction } : [CheckNames.Integrity, CheckNames.Signature, CheckNames.Inclusion];
            var failed = report.Checks.Where(c => needed.Contains(c.Name) && c.Status != CheckStatus.Ok).ToList();
            if (failed.Count > 0)
            {
                foreach (var line in report.Lines()) console.Out.WriteLine(line);
                console.Out.WriteLine($"Not attesting: {string.Join("; ", failed.Select(f => $"{f.Name} {f.Status}: {f.Detail}"))}");
                return ExitCodes.NotVerified;
            }
            var proof = TlogProof.Parse(inputs.ProofText!);
            var note = new RecordAttestation(report.RecordId!, what, proof.CheckpointBody.Origin, proof.Index).Sign(signer);
            using var client = GatewayOption.Connect(url);
            JObject answer;
            try { answer = await GatewayOption.Call(url, () => client.PostAttestationAsync(report.RecordId!, note.Format(), cancel)); }
            catch (Gateway.GatewayException e) { throw new CliException($"the gateway refused the attestation: {(int)e.Status} {e.Error}: {e.Detail}"); }
            if (parse.GetValue(json)) console.WriteJson(answer);
            else console.Out.WriteLine($"Attested {what}: {report.RecordId} at {proof.CheckpointBody.Origin} {proof.Index} by {signer.Name}{(answer["added"] is JBool { Value: false } ? " (already held)" : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    // A vkey inline, or a file of vkeys one per line ('#' comments allowed).
    private static IEnumerable<NoteVerifierKey> ReadKeys(string value)
    {
        var lines = File.Exists(value) ? File.ReadAllLines(value) : [value];
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (!NoteVerifierKey.TryParse(line, out var parsed, out var error)) throw new CliException($"--log-vkey: {error}");
            if (parsed.Type != NoteKeyType.Ed25519) throw new CliException($"--log-vkey: {parsed.Name} is not a log (Ed25519) key");
            yield return parsed;
        }
    }
}
