using System.Diagnostics;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A headless chromium process with its DevTools endpoint on a loopback port; killed (with its children) on dispose.</summary>
public sealed class Chromium : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;

    private Chromium(Process process, TempDirectory profile, int port)
    {
        (_process, _profile, DevToolsPort) = (process, profile, port);
    }

    public int DevToolsPort { get; }

    public static bool InCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    /// <summary>The browser binary on PATH, or null.</summary>
    public static string? Path => new[] { "chromium", "chromium-browser" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => System.IO.Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    public static async Task<Chromium> StartAsync()
    {
        var binary = Path ?? throw new InvalidOperationException("chromium is not installed: run `bash deploy/chromium.sh install` (CI=true makes this a failure, not a skip)");
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        // Headless, a throwaway profile, and nothing that phones home: the test must make no outside connection.
        foreach (var arg in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
            "--metrics-recording-only", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1280,900",
            $"--user-data-dir={profile.Path}", "about:blank",
        }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Chromium writes the port it chose into the profile once DevTools listens.
        var portFile = System.IO.Path.Combine(profile.Path, "DevToolsActivePort");
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            if (File.Exists(portFile) && (await File.ReadAllLinesAsync(portFile)) is [var port, ..] && int.TryParse(port, out var number))
                return new Chromium(process, profile, number);
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        profile.Dispose();
        throw new InvalidOperationException($"chromium did not open its DevTools port (exited: {process.HasExited})");
    }

    /// <summary>Opens a new tab and connects to it.</summary>
    public async Task<CdpPage> NewPageAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{DevToolsPort}") };
        var response = await http.PutAsync("/json/new?about:blank", null);
        using var target = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return await CdpPage.ConnectAsync(new Uri(target.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!));
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _profile.Dispose();
    }
}
