using System.Diagnostics;
using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>What every real-CLI test (Claude Code, Codex) does the same way: find the executable, run it bounded.</summary>
internal static class CliProcess
{
    /// <summary>
    /// The CLI's path, from <paramref name="binVariable"/> (set by .ci/run) or PATH; null (after printing why) only
    /// when CI recorded in <paramref name="unavailableVariable"/> that the package could not be installed.
    /// Otherwise a missing CLI fails the test: silently skipping would let the real-client test rot.
    /// </summary>
    public static string? Locate(string name, string executable, string package, string binVariable, string unavailableVariable)
    {
        var configured = Environment.GetEnvironmentVariable(binVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"{binVariable}={configured} does not exist");
            return configured;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var unavailable = Environment.GetEnvironmentVariable(unavailableVariable);
        if (!string.IsNullOrEmpty(unavailable))
        {
            Console.WriteLine($"{name} not run: the package could not be installed ({unavailable})");
            return null;
        }
        Assert.Fail($"{name} CLI not found: set {binVariable} to its path (.ci/run installs {package}) "
            + $"or, if it cannot be installed, {unavailableVariable} to the reason");
        return null;
    }

    /// <summary>
    /// Runs <paramref name="start"/> with stdin closed (<c>&lt;/dev/null</c>: neither CLI may wait for piped input)
    /// and its output captured; fails with that output if it does not exit 0 within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, string name, TimeSpan timeout)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{name} did not finish within {timeout.TotalSeconds} s\nstdout: {await stdout}\nstderr: {await stderr}");
        }
        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"{name} exited {process.ExitCode}\nstdout: {output}\nstderr: {errors}");
        return (output, errors);
    }
}
