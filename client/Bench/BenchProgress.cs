using LedgerCluster.Client.Cli;
using Spectre.Console;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Progress of the bench's steps: a Spectre.Console bar per step on a terminal, otherwise one line per step on
/// stderr (so stdout holds only the report, and --json stays one clean document).
/// </summary>
public static class BenchProgress
{
    /// <summary>Starts a step of <c>total</c> units; the returned action advances it.</summary>
    public delegate Action<int> StepStarter(string step, int total);

    public static async Task<T> RunAsync<T>(CliConsole console, bool bars, Func<StepStarter, Task<T>> work)
    {
        if (!bars || !console.Interactive)
        {
            return await work((step, total) =>
            {
                console.Error.WriteLine($"bench: {step}");
                return _ => { };
            });
        }
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask? current = null;
                var result = await work((step, total) =>
                {
                    current?.StopTask();
                    var task = ctx.AddTask(Markup.Escape(step), maxValue: Math.Max(1, total));
                    current = task;
                    return n => task.Increment(n);
                });
                if (current is not null) { current.Value = current.MaxValue; current.StopTask(); }
                return result;
            });
    }
}
