namespace LedgerCluster.Silo;

/// <summary>How silos find each other (DESIGN.md, "Clustering and deploy").</summary>
public enum ClusteringKind
{
    /// <summary>One silo on loopback, its own membership: the embedded default.</summary>
    Localhost,

    /// <summary>Membership in Redis: any number of silos, none of them special, so any one can die.</summary>
    Redis,
}
