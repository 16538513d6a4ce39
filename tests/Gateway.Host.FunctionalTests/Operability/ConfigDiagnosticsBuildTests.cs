using System.Reflection;
using Gateway.Generator;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// SPEC §1 through the real <c>dotnet build src/Gateway.Host -p:GatewayConfig=…</c>: a config's GW warnings keep their
/// severity (they print and the build succeeds, although the repository builds its own C# with warnings as errors);
/// GW errors fail the build.
/// </summary>
public sealed class ConfigDiagnosticsBuildTests
{
    // Only warnings, one of each id a host build can report: a to11 table this gateway does not implement, a model
    // listed by two providers (the to11 weighted guide's shape), plain http to a remote host, a credential nobody
    // presents and a bare target for a model a route already serves.
    private const string WarningsOnly = """
        [tenant_routing]
        enabled = false

        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o"]

        [providers.azure-openai]
        base_url = "https://myresource.openai.azure.com/openai"
        auth_type = "api_key_header"
        models = ["gpt-4o"]

        [providers.vllm]
        base_url = "http://10.1.2.3:8000/v1"
        models = ["llama"]
        auth_type = "none"
        credential = "env::VLLM_KEY"

        [targets.openai-primary]
        model = "gpt-4o"
        provider = "openai"

        [targets.spare]
        model = "gpt-4o"
        provider = "azure-openai"

        [routes.gpt4o]
        models = ["gpt-4o"]
        targets = ["openai-primary"]
        """;

    /// <summary>Where each warning of <see cref="WarningsOnly"/> points (1-based line and column).</summary>
    private static readonly (string Id, int Line, int Column)[] ExpectedWarnings =
    [
        ("GW0105", 1, 2),   // tenant_routing
        ("GW0203", 11, 11), // the second listing of "gpt-4o"
        ("GW0201", 14, 12), // the http base_url
        ("GW0402", 17, 14), // credential on an auth_type = "none" provider
        ("GW0307", 23, 10), // targets.spare
    ];

    [Fact]
    public async Task C1_ConfigWithOnlyWarnings_Builds_AndPrintsEachWarningAtItsPosition()
    {
        var build = await HostBuild.TryBuildAsync(WarningsOnly);

        Assert.True(build.ExitCode == 0, "a config with only warnings must build:\n" + build.Output);
        foreach (var (id, line, column) in ExpectedWarnings)
        {
            Assert.Contains($"{build.Config}({line},{column}): warning {id}:", build.Output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(": error ", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void C1_WarningsOnlyConfig_CoversEveryGwWarningOfTheCatalogue()
    {
        // A new GW warning must be added to the config above, so the build test proves it does not fail a build.
        // GW0002 (no config at all) cannot happen in a host build: the host always passes one.
        var catalogue = typeof(GatewayGenerator).Assembly.GetType("Gateway.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning && d.Id != "GW0002")
            .Select(d => d.Id)
            .Order(StringComparer.Ordinal);

        Assert.Equal(catalogue, ExpectedWarnings.Select(w => w.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task C1_ConfigWithAnError_FailsTheBuild_WithTheErrorAtItsPosition()
    {
        var build = await HostBuild.TryBuildAsync("""
            [tenant_routing]
            enabled = false

            [server]
            prot = 4000
            """);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{build.Config}(5,1): error GW0100:", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{build.Config}(1,2): warning GW0105:", build.Output, StringComparison.Ordinal);
    }
}
