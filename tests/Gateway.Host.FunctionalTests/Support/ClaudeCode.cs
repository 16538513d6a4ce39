using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Finds and runs the Claude Code CLI (<c>claude -p … --output-format json</c>) against a gateway, offline:
/// the only base URL it knows is the gateway's loopback address, and its telemetry, updater and error
/// reporting are off. Each run gets a private HOME and config dir, so nothing on the machine leaks in.
/// </summary>
internal static class ClaudeCode
{
    /// <summary>Path of the <c>claude</c> executable (.ci/run installs the npm package and sets it).</summary>
    public const string BinVariable = "CLAUDE_CODE_BIN";

    /// <summary>Set by .ci/run, with the reason, when the npm package could not be installed.</summary>
    public const string UnavailableVariable = "CLAUDE_CODE_UNAVAILABLE";

    /// <summary>A run's bound: one CLI start plus two round trips through the gateway take a few seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The CLI's path; null (after printing why) only when CI recorded that it could not be installed.
    /// Otherwise a missing CLI fails the test: silently skipping would let the real-client test rot.
    /// </summary>
    public static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(BinVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"{BinVariable}={configured} does not exist");
            return configured;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "claude"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var unavailable = Environment.GetEnvironmentVariable(UnavailableVariable);
        if (!string.IsNullOrEmpty(unavailable))
        {
            Console.WriteLine($"Claude Code not run: the package could not be installed ({unavailable})");
            return null;
        }
        Assert.Fail($"Claude Code CLI not found: set {BinVariable} to its path (.ci/run installs @anthropic-ai/claude-code) "
            + $"or, if it cannot be installed, {UnavailableVariable} to the reason");
        return null;
    }

    /// <summary>Runs one prompt; fails with the CLI's output if it exits non-zero, times out, or reports an error.</summary>
    public static async Task<Run> RunAsync(string cli, Uri gateway, string model, string prompt, string? allowedTools, string workingDirectory)
    {
        var home = Directory.CreateTempSubdirectory("gateway-claude-code-home-").FullName;
        try
        {
            var start = new ProcessStartInfo(cli)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var arg in new[] { "-p", prompt, "--output-format", "json", "--model", model }) start.ArgumentList.Add(arg);
            if (allowedTools is not null)
            {
                start.ArgumentList.Add("--allowedTools");
                start.ArgumentList.Add(allowedTools);
            }
            Configure(start.Environment, gateway, home);

            using var process = Process.Start(start)!;
            process.StandardInput.Close(); // </dev/null: -p must not wait for piped input
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"claude did not finish within {Timeout.TotalSeconds} s\nstdout: {await stdout}\nstderr: {await stderr}");
            }
            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"claude exited {process.ExitCode}\nstdout: {output}\nstderr: {errors}");
            return Run.Parse(output, errors) with { Home = home };
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static void Configure(IDictionary<string, string?> env, Uri gateway, string home)
    {
        // Nothing from the machine's own Claude or proxy setup may steer the run elsewhere.
        foreach (var name in env.Keys.Where(k => k.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || k.StartsWith("CLAUDE_", StringComparison.Ordinal)
            || k.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            env.Remove(name);
        }
        env["HOME"] = home;
        env["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");
        env["ANTHROPIC_BASE_URL"] = gateway.GetLeftPart(UriPartial.Authority);
        env["ANTHROPIC_API_KEY"] = Sentinels.CallerKey;
        env["DISABLE_TELEMETRY"] = "1";
        env["DISABLE_AUTOUPDATER"] = "1";
        env["DISABLE_ERROR_REPORTING"] = "1";
        env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
    }

    /// <summary>The CLI's JSON result (<c>--output-format json</c>).</summary>
    internal sealed record Run(string ResultText, string Stdout, string Stderr)
    {
        /// <summary>The private HOME the run had (already deleted): the fixture recorder scrubs it from requests.</summary>
        public string Home { get; init; } = "";

        public static Run Parse(string stdout, string stderr)
        {
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.False(root.TryGetProperty("is_error", out var isError) && isError.GetBoolean(), $"claude reported an error\nstdout: {stdout}\nstderr: {stderr}");
            return new Run(root.GetProperty("result").GetString() ?? "", stdout, stderr);
        }
    }
}
