// Orleans clusters on a 2-core machine: one test at a time (notes §6, "over-parallel test runs").
[assembly: CollectionBehavior(DisableTestParallelization = true)]
