using System.Globalization;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import;

/// <summary>
/// One imported task (one lm-eval filter, one EEE evaluation): its signed record, the benchmark of its items, how many
/// items the source file holds against how many the task has, and what was checked or lost on the way.
/// </summary>
public sealed record ImportedRun(
    string Task,
    Benchmark Benchmark,
    RunRecord Record,
    int ItemsRecorded,
    long? ItemsInTask,
    IReadOnlyList<ImportCheck> Checks,
    IReadOnlyList<SourceAggregate> SourceAggregates,
    IReadOnlyList<string> Notes)
{
    /// <summary>The source file holds fewer items than the task evaluated: the record covers only those.</summary>
    public bool Partial => ItemsInTask is { } total && ItemsRecorded < total;

    public string Coverage => ItemsInTask is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{ItemsRecorded:N0} of {total:N0} items{(Partial ? " (partial)" : "")}")
        : string.Create(CultureInfo.InvariantCulture, $"{ItemsRecorded:N0} item{(ItemsRecorded == 1 ? "" : "s")}");
}
