using LedgerCluster.Silo;

namespace LedgerCluster.Client.Cli;

/// <summary>`ledger serve --witness-policy FILE --hosted-witness NAME[=KEYFILE]... --attestor VKEY...` into the host options.</summary>
public static class WitnessFlags
{
    public static void Apply(LedgerHostOptions options, string? policyFile, string[]? hosted, string[]? attestors = null)
    {
        // A verifier key as text, or a file holding one (`ledger witness keygen` writes NAME.vkey).
        foreach (var attestor in attestors ?? [])
            options.Attestors.Add(File.Exists(attestor) ? File.ReadAllText(attestor).Trim() : attestor);
        if (policyFile is not null)
            options.WitnessPolicy = File.Exists(policyFile) ? File.ReadAllText(policyFile) : throw new CliException($"--witness-policy: file not found: {policyFile}");
        foreach (var spec in hosted ?? [])
        {
            var equals = spec.IndexOf('=');
            var (name, keyFile) = equals < 0 ? (spec, null) : (spec[..equals], spec[(equals + 1)..]);
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '+' or '/'))
                throw new CliException($"--hosted-witness: '{spec}' needs a witness name without spaces, '+' or '/' (NAME or NAME=KEYFILE)");
            if (keyFile is not null && !File.Exists(keyFile)) throw new CliException($"--hosted-witness {name}: key file not found: {keyFile}");
            if (!options.HostedWitnesses.TryAdd(name, keyFile is null ? null : Path.GetFullPath(keyFile)))
                throw new CliException($"--hosted-witness: '{name}' is given twice");
        }
    }
}
