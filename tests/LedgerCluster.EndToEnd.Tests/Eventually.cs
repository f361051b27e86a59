namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Waits for a condition that background work (witnessing rounds) makes true; the deadline only bounds a hung run.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{what} did not happen within {seconds} s; last: {value}");
            await Task.Delay(100);
        }
    }
}
