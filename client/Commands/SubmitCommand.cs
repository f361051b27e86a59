using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger submit FILES... --gateway URL`: submit signed records; each line says where it was logged or why not.</summary>
public static class SubmitCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILES") { Description = "Run record files (or folders of them)", Arity = ArgumentArity.OneOrMore };
        var gateway = GatewayOption.Create(required: true);
        var batch = new Option<bool>("--batch") { Description = "Send all records in one NDJSON batch request" };
        var json = CommonOptions.Json();
        var command = new Command("submit", "Submit signed run records to a cluster; prints each record's shard, index and tier")
        {
            files, gateway, batch, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var paths = Expand(parse.GetRequiredValue(files));
            var url = parse.GetRequiredValue(gateway);
            using var client = GatewayOption.Connect(url);
            // Files are streamed from disk, never read whole: a record may be hundreds of MB before the gateway refuses it.
            var results = parse.GetValue(batch)
                ? await GatewayOption.Call(url, () => client.SubmitFilesAsync(paths, cancel))
                : await GatewayOption.Call(url, async () =>
                {
                    var list = new List<Submission>();
                    foreach (var path in paths) list.Add(await client.SubmitFileAsync(path, cancel));
                    return (IReadOnlyList<Submission>)list;
                });

            if (parse.GetValue(json))
            {
                console.WriteJson(new JArray(results.Select((r, i) => (JValue)ToJson(paths[i], r)).ToList()));
            }
            else
            {
                for (var i = 0; i < results.Count; i++)
                {
                    var r = results[i];
                    console.Out.WriteLine(r.Accepted
                        ? $"{paths[i]}: {r.RecordId} -> shard {r.Shard} index {r.Index} ({r.Tier}{(r.Duplicate ? ", already logged" : "")})"
                        : $"{paths[i]}: REFUSED {r.Status} {r.Error}: {r.Detail}");
                }
            }
            // A record over the gateway's size limit is an input error (2), like a file that is not a record at all.
            if (results.Any(r => r.Status == 413)) return ExitCodes.UsageOrInput;
            return results.All(r => r.Accepted) ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    private static JObject ToJson(string path, Submission r) => r.Accepted
        ? new JObject { { "file", path }, { "status", r.Status }, { "record_id", r.RecordId! }, { "shard", r.Shard }, { "index", r.Index }, { "tier", r.Tier ?? "" }, { "duplicate", r.Duplicate } }
        : new JObject { { "file", path }, { "status", r.Status }, { "error", r.Error ?? "" }, { "detail", r.Detail ?? "" } };

    private static List<string> Expand(IEnumerable<string> inputs)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input)) paths.AddRange(Directory.EnumerateFiles(input, "*.json").Order(StringComparer.Ordinal));
            else if (File.Exists(input)) paths.Add(input);
            else throw new CliException($"no such record file or folder: {input}");
        }
        return paths.Count > 0 ? paths : throw new CliException("no record files given");
    }
}
