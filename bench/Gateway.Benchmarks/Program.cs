using BenchmarkDotNet.Running;

// All of BenchmarkDotNet's command line: --filter, --job dry|short|medium, --inProcess, --list flat …
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
