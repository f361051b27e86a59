using System.Net;
using System.Net.Sockets;

namespace LedgerCluster.Silo;

/// <summary>
/// What `ledger serve` checks before it starts anything: the data directory, the ports, and that each port it will
/// listen on is free. Orleans and Kestrel only find these out part-way through starting (after seconds, with stack
/// traces, or, for a silo port, not at all), so each becomes one line here instead.
/// </summary>
public static class ServePreflight
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public static void Check(LedgerHostOptions options)
    {
        foreach (var (flag, port) in new[] { ("--port", options.HttpPort), ("--silo-port", options.SiloPort), ("--gateway-port", options.GatewayPort) })
            if (port is < 1 or > 65535) throw new ArgumentException($"{flag} {port}: a port is 1-65535");
        if (options.HttpPort == options.SiloPort || options.HttpPort == options.GatewayPort || options.SiloPort == options.GatewayPort)
            throw new ArgumentException($"--port {options.HttpPort}, --silo-port {options.SiloPort} and --gateway-port {options.GatewayPort} must differ");
        if (options.Storage == StorageKind.Sqlite) CheckDataDirectory(options.DataDirectory);

        var http = Address("--host", options.Host);
        // A silo listens where it advertises itself; under Kubernetes on every interface.
        var silo = options.Kubernetes ? IPAddress.Any : Address("--advertise", options.AdvertisedAddress);
        Probe("HTTP", "--port", http, options.HttpPort);
        Probe("silo", "--silo-port", silo, options.SiloPort);
        Probe("Orleans gateway", "--gateway-port", silo, options.GatewayPort);
    }

    private static void CheckDataDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new ArgumentException($"--data {directory}: is a file, not a directory");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--data {directory}: cannot create the directory: {e.Message}");
        }
    }

    private static IPAddress Address(string flag, string text)
    {
        if (text == "localhost") return IPAddress.Loopback;
        return IPAddress.TryParse(text, out var address) ? address : throw new ArgumentException($"{flag} '{text}' is not an IP address");
    }

    // Binds and releases at once, with no reuse option: the silo's own listeners allow port reuse, so a second silo
    // used to start on a port the first one listens on; a plain bind is refused while anyone listens there.
    private static void Probe(string what, string flag, IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ArgumentException($"{flag} {port}: the {what} port on {address} is already in use");
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"{flag} {port}: cannot listen on {address}:{port} for {what}: {e.Message}");
        }
    }
}
