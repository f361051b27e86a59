using LedgerCluster.Core.Runner;
using Spectre.Console;

namespace LedgerCluster.Client.Cli;

/// <summary>A progress bar on a terminal; plain lines on stderr otherwise (CI logs), at most every 10%.</summary>
public static class ProgressReporter
{
    public static async Task<T> RunAsync<T>(CliConsole console, string title, Func<IProgress<RunProgress>, Task<T>> work)
    {
        if (console.Interactive)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bar = ctx.AddTask(Markup.Escape(title));
                    return await work(new Progress<RunProgress>(p => { bar.MaxValue = p.Total; bar.Value = p.Done; }));
                });
        }
        var lastDecile = -1;
        var gate = new object();
        return await work(new SyncProgress(p =>
        {
            var decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            lock (gate)
            {
                if (decile == lastDecile) return;
                lastDecile = decile;
            }
            console.Error.WriteLine($"{title}: {p.Done}/{p.Total} tasks, {p.Passed} passed");
        }));
    }

    // Progress<T> posts to the thread pool and may report after the work ended; report inline instead.
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
