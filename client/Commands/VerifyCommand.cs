using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger verify RECORD [--proof F --vkey K --policy P]`: one line per check, then the verdict.</summary>
public static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var record = new Argument<string>("RECORD") { Description = "A run record JSON file" };
        var proof = new Option<string?>("--proof") { Description = "The record's .tlog-proof file (c2sp.org/tlog-proof@v1)" };
        var vkey = new Option<string?>("--vkey") { Description = "The log's note verifier key, or a file holding it (default: the policy's log line)" };
        var policy = new Option<string?>("--policy") { Description = "Witness policy file (tlog-policy format); the checkpoint must meet its quorum" };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Verify a run record offline: integrity, signature, inclusion, witnesses, reproduction")
        {
            record, proof, vkey, policy, json,
        };
        command.SetAction(parse =>
        {
            var inputs = new VerificationInputs
            {
                ProofText = ReadOptional(parse.GetValue(proof), "--proof"),
                LogVerifierKey = ReadKey(parse.GetValue(vkey)),
                PolicyText = ReadOptional(parse.GetValue(policy), "--policy"),
            };
            var report = RecordVerifier.Verify(ReadRecord(parse.GetRequiredValue(record)), inputs);
            if (parse.GetValue(json)) console.WriteJson(report.ToJson());
            else foreach (var line in report.Lines()) console.Out.WriteLine(line);
            return report.Verified ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    private static JValue ReadRecord(string path)
    {
        if (!File.Exists(path)) throw new CliException($"record file not found: {path}");
        try { return JsonParser.ParseFile(path); }
        catch (JsonParseException e) { throw new CliException($"{e.Message}: not a JSON record"); }
    }

    private static string? ReadOptional(string? path, string option) =>
        path is null ? null : File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"{option}: file not found: {path}");

    // A verifier key is short enough to pass inline; a path to a file holding it works too.
    private static string? ReadKey(string? value) => value is null ? null : File.Exists(value) ? File.ReadAllText(value).Trim() : value.Trim();
}
