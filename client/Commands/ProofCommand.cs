using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger proof ID --gateway URL`: download a record's offline proof (`ID.tlog-proof`).</summary>
public static class ProofCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "Record id (64 lowercase hex characters)" };
        var gateway = GatewayOption.Create(required: true);
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the proof (default: ID.tlog-proof)" };
        var json = CommonOptions.Json();
        var command = new Command("proof", "Fetch a record's c2sp.org/tlog-proof@v1 file, for offline verification") { id, gateway, output, json };
        command.SetAction(async (parse, cancel) =>
        {
            var recordId = parse.GetRequiredValue(id);
            if (!Hex.IsLowerHex(recordId, 32)) throw new CliException($"'{recordId}' is not a record id (64 lowercase hex characters)");
            var url = parse.GetRequiredValue(gateway);
            using var client = GatewayOption.Connect(url);
            string proof;
            try { proof = await GatewayOption.Call(url, () => client.GetProofAsync(recordId, cancel)); }
            catch (GatewayException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                console.Error.WriteLine($"ledger: record {recordId} is not in the log at {url}");
                return ExitCodes.NotVerified;
            }
            var path = parse.GetValue(output) ?? recordId + ".tlog-proof";
            await File.WriteAllTextAsync(path, proof, cancel);
            if (parse.GetValue(json)) console.WriteJson(new JObject { { "record_id", recordId }, { "path", path } });
            else console.Out.WriteLine($"Wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
