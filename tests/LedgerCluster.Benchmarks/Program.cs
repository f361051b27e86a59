using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*'` runs every benchmark.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
