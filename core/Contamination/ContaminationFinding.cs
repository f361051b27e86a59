namespace LedgerCluster.Core.Contamination;

/// <summary>
/// One benchmark item: how many of its distinct n-grams occur anywhere in the training text
/// (<see cref="Containment"/> = <see cref="Matched"/> / <see cref="NGrams"/>), and the best matching span.
/// </summary>
public sealed record ContaminationFinding(string Id, MatchMethod Method, int NGrams, int Matched, bool Flagged, MatchSpan? Span)
{
    public double Containment => NGrams == 0 ? 0.0 : (double)Matched / NGrams;
}
