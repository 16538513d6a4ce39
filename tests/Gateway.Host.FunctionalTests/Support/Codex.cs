using System.Diagnostics;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Finds and runs the Codex CLI (<c>codex exec … "prompt"</c>) against a gateway, offline: a private HOME
/// and CODEX_HOME whose config.toml names one model provider, the gateway's loopback <c>/v1</c> with the
/// Responses wire, with the update check, analytics and remote features off. Nothing from the machine's own
/// Codex, OpenAI or proxy setup reaches the run.
/// </summary>
internal static class Codex
{
    /// <summary>Path of the <c>codex</c> executable (.ci/run installs the npm package and sets it).</summary>
    public const string BinVariable = "CODEX_BIN";

    /// <summary>Set by .ci/run, with the reason, when the npm package could not be installed.</summary>
    public const string UnavailableVariable = "CODEX_UNAVAILABLE";

    /// <summary>
    /// The model Codex asks for. A name Codex knows: for an unknown one it warns and offers a different tool
    /// set (no <c>apply_patch</c> custom tool), which is not what its users send.
    /// </summary>
    public const string Model = "gpt-5.5";

    /// <summary>The variable config.toml's <c>env_key</c> names; Codex sends its value as the Bearer key.</summary>
    private const string KeyVariable = "GATEWAY_TEST_KEY";

    /// <summary>A run's bound: one CLI start plus two round trips take well under a second on loopback.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The CLI's path; null only when CI recorded that it could not be installed (<see cref="CliProcess.Locate"/>).</summary>
    public static string? Locate() => CliProcess.Locate("Codex", "codex", "@openai/codex", BinVariable, UnavailableVariable);

    /// <summary>Runs one prompt against <paramref name="baseUrl"/> (the gateway's or a fake's <c>/v1</c>); fails with the CLI's output if it exits non-zero or times out.</summary>
    public static async Task<Run> RunAsync(string cli, Uri baseUrl, string prompt, string workingDirectory)
    {
        var home = Directory.CreateTempSubdirectory("gateway-codex-home-").FullName;
        try
        {
            var codexHome = Path.Combine(home, ".codex");
            Directory.CreateDirectory(codexHome);
            await File.WriteAllTextAsync(Path.Combine(codexHome, "config.toml"), Config(baseUrl));
            var start = new ProcessStartInfo(cli) { WorkingDirectory = workingDirectory };
            foreach (var arg in new[] { "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "--ephemeral", "--color", "never", prompt })
            {
                start.ArgumentList.Add(arg);
            }
            Configure(start.Environment, home, codexHome);
            var (output, errors) = await CliProcess.RunAsync(start, "codex", Timeout);
            // exec prints only the turn's final message on stdout; the transcript goes to stderr.
            return new Run(output.Trim(), output, errors, home);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string Config(Uri baseUrl) => $"""
        model = "{Model}"
        model_provider = "gateway"
        check_for_update_on_startup = false

        [model_providers.gateway]
        name = "gateway"
        base_url = "{baseUrl.GetLeftPart(UriPartial.Authority)}/v1"
        env_key = "{KeyVariable}"
        wire_api = "responses"

        [analytics]
        enabled = false

        [features]
        plugins = false
        apps = false
        remote_plugin = false
        tool_suggest = false
        """;

    private static void Configure(IDictionary<string, string?> env, string home, string codexHome)
    {
        foreach (var name in env.Keys.Where(k => k.StartsWith("OPENAI_", StringComparison.Ordinal) || k.StartsWith("CODEX_", StringComparison.Ordinal)
            || k.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            env.Remove(name);
        }
        env["HOME"] = home;
        env["CODEX_HOME"] = codexHome;
        env[KeyVariable] = Sentinels.CallerKey;
        env["TERM"] = "dumb"; // Codex names the terminal in its user-agent; fixed, so recordings do not depend on who ran them
    }

    /// <summary>
    /// What a run printed; <see cref="FinalText"/> is the last agent message.
    /// <see cref="Home"/> is the private HOME it had (already deleted): the fixture recorder scrubs it from requests.
    /// </summary>
    internal sealed record Run(string FinalText, string Stdout, string Stderr, string Home);
}
