using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger keygen --out PREFIX`: a fresh Ed25519 key as PREFIX.key (hex seed, 0600) and PREFIX.pub (hex).</summary>
public static class KeygenCommand
{
    public static Command Create(CliConsole console)
    {
        var outOption = new Option<string>("--out", "-o") { Description = "Path prefix: writes PREFIX.key (secret, mode 0600) and PREFIX.pub", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files" };
        var json = CommonOptions.Json();
        var command = new Command("keygen", "Generate an Ed25519 signing key (the same .key/.pub files the Python verievals uses)")
        {
            outOption, force, json,
        };
        command.SetAction(parse =>
        {
            using var key = Ed25519KeyPair.Generate();
            var (privatePath, publicPath) = KeyFiles.Save(key, parse.GetRequiredValue(outOption), parse.GetValue(force));
            if (parse.GetValue(json))
                console.WriteJson(new JObject { { "private_key_file", privatePath }, { "public_key_file", publicPath }, { "public_key", key.PublicKeyHex } });
            else
            {
                console.Out.WriteLine($"Wrote {privatePath} (secret, mode 0600) and {publicPath}");
                console.Out.WriteLine($"Public key: {key.PublicKeyHex}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
