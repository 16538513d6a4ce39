using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Hosting;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary><c>gateway --check</c>: the compiled table, credential references by name, exit 0/2, no listening, no secret.</summary>
public sealed class CheckModeTests
{
    private const string Config = """
        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o", "gpt-4o-mini"]
        credential = "env::CHECK_OPENAI_KEY"
        timeout_ms = 12000

        [providers.azure]
        base_url = "https://example.openai.azure.com/openai/v1"
        models = ["gpt-4o-azure"]
        auth_type = "api_key_header"
        credential = "env::CHECK_AZURE_KEY"
        headers = { "x-team" = "static-header-value" }

        [targets.primary]
        model = "gpt-4o"
        provider = "openai"

        [targets.backup]
        model = "gpt-4o-azure"
        timeout_ms = 5000

        [routes.smart]
        models = ["smart"]
        strategy = "fallback"
        targets = ["primary", "backup"]
        retry = { max_retries = 1, backoff_base_ms = 250 }

        [functions.summarize]
        models = ["gpt-4o-mini"]
        """;

    [Fact]
    public void S4_Check_PrintsTheTable_AndCredentialNames_NeverValues_Exit0()
    {
        var gateway = ScenarioCompiler.Compile(Config);
        var output = new StringWriter();
        var credentials = new DictionaryCredentialSource(new Dictionary<string, string> { ["CHECK_OPENAI_KEY"] = Sentinels.GatewayKey, ["CHECK_AZURE_KEY"] = Sentinels.CallerKey });

        var exit = GatewayCheck.Run(gateway, output, credentials);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("openai: https://api.openai.com/v1  auth bearer  timeout 12000 ms", text, StringComparison.Ordinal);
        Assert.Contains("azure: https://example.openai.azure.com/openai/v1  auth api_key_header (api-key)", text, StringComparison.Ordinal);
        Assert.Contains("static headers: x-team", text, StringComparison.Ordinal);
        Assert.Contains("smart: endpoint chat  retry max_retries 1, backoff_base_ms 250", text, StringComparison.Ordinal);
        Assert.Contains("strategy fallback", text, StringComparison.Ordinal);
        Assert.Contains("primary -> openai/gpt-4o  timeout 12000 ms  credential env::CHECK_OPENAI_KEY", text, StringComparison.Ordinal);
        Assert.Contains("backup -> azure/gpt-4o-azure  timeout 5000 ms  credential env::CHECK_AZURE_KEY", text, StringComparison.Ordinal);
        Assert.Contains("summarize: endpoint chat", text, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini -> openai", text, StringComparison.Ordinal);
        Assert.Contains("env::CHECK_OPENAI_KEY: resolves", text, StringComparison.Ordinal);
        Assert.Contains("check: OK", text, StringComparison.Ordinal);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, text, "--check output");
        Sentinels.AssertAbsent(Sentinels.CallerKey, text, "--check output");
        Assert.DoesNotContain("static-header-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingCredential_IsNamed_Exit2()
    {
        var gateway = ScenarioCompiler.Compile(Config);
        var output = new StringWriter();
        var credentials = new DictionaryCredentialSource(new Dictionary<string, string> { ["CHECK_OPENAI_KEY"] = Sentinels.GatewayKey });

        var exit = GatewayCheck.Run(gateway, output, credentials);

        var text = output.ToString();
        Assert.Equal(2, exit);
        Assert.Contains("env::CHECK_AZURE_KEY: MISSING", text, StringComparison.Ordinal);
        Assert.Contains("env::CHECK_OPENAI_KEY: resolves", text, StringComparison.Ordinal);
        Assert.Contains("check: FAILED (1 of 2", text, StringComparison.Ordinal);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, text, "--check output");
    }

    [Fact]
    public async Task S4_RealHost_Check_ExitsWithoutListening_NoSecretPrinted()
    {
        var gatewayDll = await HostBuild.GetForRootConfigAsync();
        var timeout = TimeSpan.FromSeconds(60);

        await using (var ok = HostProcess.Start(gatewayDll, ["--check"], new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Sentinels.GatewayKey, ["ANTHROPIC_API_KEY"] = Sentinels.CallerKey }))
        {
            Assert.Equal(0, await ok.WaitForExitAsync(timeout));
            Assert.Contains("gpt4o -> openai/gpt-4o", ok.Output, StringComparison.Ordinal);
            Assert.Contains("env::ANTHROPIC_API_KEY: resolves", ok.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("listening", ok.Output, StringComparison.OrdinalIgnoreCase);
            Sentinels.AssertAbsent(Sentinels.GatewayKey, ok.Output, "--check output");
            Sentinels.AssertAbsent(Sentinels.CallerKey, ok.Output, "--check output");
        }

        await using var missing = HostProcess.Start(gatewayDll, ["--check"], new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Sentinels.GatewayKey, ["ANTHROPIC_API_KEY"] = null });
        Assert.Equal(2, await missing.WaitForExitAsync(timeout));
        Assert.Contains("env::ANTHROPIC_API_KEY: MISSING", missing.Output, StringComparison.Ordinal);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, missing.Output, "--check output");
    }
}
