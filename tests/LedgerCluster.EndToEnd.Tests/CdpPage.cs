using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>One browser tab over the Chrome DevTools Protocol: navigate, evaluate script, take screenshots.</summary>
public sealed class CdpPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private int _nextId;

    private CdpPage(ClientWebSocket socket)
    {
        _socket = socket;
        _receiver = ReceiveAsync();
    }

    public static async Task<CdpPage> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(endpoint, CancellationToken.None);
        var page = new CdpPage(socket);
        await page.CallAsync("Page.enable");
        await page.CallAsync("Runtime.enable");
        return page;
    }

    public async Task<JsonElement> CallAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return result.TryGetProperty("error", out var error) ? throw new InvalidOperationException($"{method}: {error}") : result.GetProperty("result");
    }

    public Task NavigateAsync(string url) => CallAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>The value of a JavaScript expression (promises awaited).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception)) throw new InvalidOperationException($"script failed: {exception}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls <paramref name="condition"/> (a JavaScript boolean expression) until it holds; false if it never does.</summary>
    public async Task<bool> WaitForAsync(string condition, int attempts = 300)
    {
        for (var i = 0; i < attempts; i++)
        {
            try
            {
                if (await EvaluateAsync($"!!({condition})") is { ValueKind: JsonValueKind.True }) return true;
            }
            catch (InvalidOperationException)
            {
                // The page is still loading (no execution context yet).
            }
            await Task.Delay(100);
        }
        return false;
    }

    public async Task ScreenshotAsync(string path)
    {
        var shot = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, read.Count);
                if (!read.EndOfMessage) continue;
                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                // Replies carry the id of their call; events (no id) are not needed here.
                if (doc.RootElement.TryGetProperty("id", out var id) && _calls.TryRemove(id.GetInt32(), out var call)) call.TrySetResult(doc.RootElement.Clone());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var call in _calls.Values) call.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _receiver; } catch (OperationCanceledException) { }
        _socket.Dispose();
        _stop.Dispose();
    }
}
