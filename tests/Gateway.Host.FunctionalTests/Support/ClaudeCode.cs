using System.Diagnostics;
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

    /// <summary>The CLI's path; null only when CI recorded that it could not be installed (<see cref="CliProcess.Locate"/>).</summary>
    public static string? Locate() => CliProcess.Locate("Claude Code", "claude", "@anthropic-ai/claude-code", BinVariable, UnavailableVariable);

    /// <summary>Runs one prompt; fails with the CLI's output if it exits non-zero, times out, or reports an error.</summary>
    public static async Task<Run> RunAsync(string cli, Uri gateway, string model, string prompt, string? allowedTools, string workingDirectory)
    {
        var home = Directory.CreateTempSubdirectory("gateway-claude-code-home-").FullName;
        try
        {
            var start = new ProcessStartInfo(cli) { WorkingDirectory = workingDirectory };
            foreach (var arg in new[] { "-p", prompt, "--output-format", "json", "--model", model }) start.ArgumentList.Add(arg);
            if (allowedTools is not null)
            {
                start.ArgumentList.Add("--allowedTools");
                start.ArgumentList.Add(allowedTools);
            }
            Configure(start.Environment, gateway, home);
            var (output, errors) = await CliProcess.RunAsync(start, "claude", Timeout);
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
