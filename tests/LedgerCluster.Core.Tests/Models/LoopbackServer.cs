using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Models;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 with a port the OS picks: answers each request with the next scripted reply
/// (status, JSON body, headers, optional delay before answering) and records what the client sent.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Scripted> _script = new();
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public sealed record Scripted(int Status, string Body, TimeSpan Delay, IReadOnlyList<(string Name, string Value)> Headers);

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JObject Json => (JObject)JsonParser.Parse(Body);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    public LoopbackServer Reply(int status, string body, TimeSpan? delay = null, params (string Name, string Value)[] headers)
    {
        _script.Enqueue(new Scripted(status, body, delay ?? TimeSpan.Zero, headers));
        return this;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequest(stream);
                _requests.Enqueue(request);
                var reply = _script.TryDequeue(out var next) ? next : new Scripted(599, "{\"error\":\"no scripted reply\"}", TimeSpan.Zero, []);
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
                var body = Encoding.UTF8.GetBytes(reply.Body);
                var head = new StringBuilder($"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n")
                    .Append("Content-Type: application/json\r\n")
                    .Append($"Content-Length: {body.Length}\r\n")
                    .Append("Connection: close\r\n");
                foreach (var (name, value) in reply.Headers) head.Append($"{name}: {value}\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client gave up (timeout test) or the server is stopping.
            }
        }
    }

    private static async Task<Request> ReadRequest(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("connection closed mid-request");
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body);
        return new Request(parts[0], parts[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    private static string Reason(int status) => status switch
    {
        200 => "OK", 400 => "Bad Request", 401 => "Unauthorized", 404 => "Not Found", 429 => "Too Many Requests",
        500 => "Internal Server Error", 503 => "Service Unavailable", 529 => "Overloaded", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
