using System.Net;
using System.Net.Sockets;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// `ledger serve` (the real process) that cannot serve says why in one line and exits 2 at once: a data path that is a
/// file, a port out of range, and an HTTP, silo or Orleans gateway port another process listens on.
/// </summary>
public sealed class ServeStartErrorTests
{
    // Generous: a start that goes ahead instead of refusing would run until killed, and fail here.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_data_path_that_is_a_file_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("not-a-dir"), "x");
        var run = await Serve(dir, "--data", dir.File("not-a-dir"));
        AssertRefused(run, "is a file, not a directory");
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_is_one_line_and_exit_2_without_a_stack_trace()
    {
        using var dir = new TempDirectory();
        // The database file's place is taken by a directory: every open of the store fails, as root too.
        Directory.CreateDirectory(Path.Combine(dir.File("data"), "ledger.db"));
        AssertRefused(await Serve(dir), $"--data {dir.File("data")}: the store cannot be opened: ");
    }

    [Fact]
    public async Task A_port_out_of_range_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        AssertRefused(await Serve(dir, "--port", "99999"), "--port 99999: a port is 1-65535");
    }

    [Fact]
    public async Task A_record_limit_or_checkpoint_age_out_of_range_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        AssertRefused(await Serve(dir, "--max-record-mib", "0"), "--max-record-mib: must be between 1 and 1024, got 0");
        AssertRefused(await Serve(dir, "--max-record-mib", "2048"), "--max-record-mib: must be between 1 and 1024, got 2048");
        AssertRefused(await Serve(dir, "--max-checkpoint-age", "0"), "--max-checkpoint-age: must be a positive number of seconds, got 0");
    }

    [Fact]
    public async Task An_http_port_in_use_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        AssertRefused(await Serve(dir, "--port", port.ToString()), $"--port {port}: the HTTP port on 127.0.0.1 is already in use");
    }

    [Fact]
    public async Task A_silo_or_gateway_port_a_running_node_listens_on_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("running"), shards: 1);
        AssertRefused(await Serve(dir, "--silo-port", node.Options.SiloPort.ToString()),
            $"--silo-port {node.Options.SiloPort}: the silo port on 127.0.0.1 is already in use");
        AssertRefused(await Serve(dir, "--gateway-port", node.Options.GatewayPort.ToString()),
            $"--gateway-port {node.Options.GatewayPort}: the Orleans gateway port on 127.0.0.1 is already in use");
    }

    // Free ports for whatever the case does not set, so only the port under test can clash.
    private static Task<ScriptRun> Serve(TempDirectory dir, params string[] args)
    {
        var ports = EmbeddedNode.FreePorts(3);
        var defaults = new Dictionary<string, string>
        {
            ["--data"] = dir.File("data"), ["--port"] = ports[0].ToString(), ["--silo-port"] = ports[1].ToString(), ["--gateway-port"] = ports[2].ToString(),
        };
        for (var i = 0; i < args.Length; i += 2) defaults[args[i]] = args[i + 1];
        return ScriptRun.Of(RepoPaths.LedgerApphost, ["serve", .. defaults.SelectMany(p => new[] { p.Key, p.Value })],
            new Dictionary<string, string> { ["LEDGER_HOME"] = dir.File("home") }, Patience);
    }

    private static void AssertRefused(ScriptRun run, string reason)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}:\n{run.Output}");
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("ledger: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
