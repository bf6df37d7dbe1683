using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TitleBridge.Bench.EligibilityBenchmarks).Assembly).Run(args);
