using BenchmarkDotNet.Running;

// All of BenchmarkDotNet's command line: --filter, --job dry|short|medium, --inProcess, --list flat …
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// CI runs the dry job so the harness cannot rot: a benchmark that fails to build or run fails the process.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
