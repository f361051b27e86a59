using LedgerCluster.Core.Runner;
using Spectre.Console;

namespace LedgerCluster.Client.Cli;

/// <summary>A progress bar on a terminal; plain lines on stderr otherwise (CI logs), at most every 10%.</summary>
public static class ProgressReporter
{
    /// <summary>Tasks of a benchmark run.</summary>
    public static Task<T> RunAsync<T>(CliConsole console, string title, Func<IProgress<RunProgress>, Task<T>> work) =>
        RunAsync(console, title, p => (p.Done, p.Total), p => $"{title}: {p.Done}/{p.Total} tasks, {p.Passed} passed", work);

    /// <summary>Any counted work: <paramref name="position"/> reads (done, total) from a report, <paramref name="line"/> words it for a log.</summary>
    public static async Task<T> RunAsync<TProgress, T>(CliConsole console, string title, Func<TProgress, (long Done, long Total)> position,
        Func<TProgress, string> line, Func<IProgress<TProgress>, Task<T>> work)
    {
        if (console.Interactive)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bar = ctx.AddTask(Markup.Escape(title));
                    return await work(new SyncProgress<TProgress>(p =>
                    {
                        // Nothing to do is all done (a zero maximum would never fill).
                        var (done, total) = position(p);
                        (bar.MaxValue, bar.Value) = total == 0 ? (1, 1) : (total, done);
                    }));
                });
        }
        var lastDecile = -1L;
        var gate = new object();
        return await work(new SyncProgress<TProgress>(p =>
        {
            var (done, total) = position(p);
            var decile = total == 0 ? 10 : done * 10 / total;
            lock (gate)
            {
                if (decile == lastDecile) return;
                lastDecile = decile;
            }
            console.Error.WriteLine(line(p));
        }));
    }

    // Progress<T> posts to the thread pool and may report after the work ended; report inline instead.
    private sealed class SyncProgress<TProgress>(Action<TProgress> report) : IProgress<TProgress>
    {
        public void Report(TProgress value) => report(value);
    }
}
