using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Docs;

/// <summary>Every complete config example of the to11 docs builds; the documented pitfalls fail as SPEC.md says.</summary>
public sealed class To11ExampleTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "to11");

    /// <summary>Complete examples (not fragments), except the two guides that are ambiguous on purpose.</summary>
    public static TheoryData<string> CompleteExamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.toml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file!.StartsWith("fragment-", StringComparison.Ordinal) || AmbiguousGuides.Contains(file) || file == TwoBareTargets) continue;
            data.Add(file);
        }
        return data;
    }

    private static readonly string[] AmbiguousGuides = ["weighted-guide.toml", "fallback-guide.toml"];
    private const string TwoBareTargets = "targets-concept-two-keys.toml";

    [Theory]
    [MemberData(nameof(CompleteExamples))]
    public void C1_DocumentedExample_BuildsWithoutErrorsOrWarnings(string file)
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(Folder, file)));
        Assert.True(result.Diagnostics.IsEmpty, result.Describe());
        Assert.Empty(result.CompileErrors);
    }

    [Theory]
    [InlineData("weighted-guide.toml", "openai-primary", "azure-secondary")]
    [InlineData("fallback-guide.toml", "openai-primary", "azure-fallback")]
    public void C1_GuideWithGpt4oUnderTwoProviders_IsAnAmbiguousProviderError(string file, string first, string second)
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(Folder, file)));
        var errors = result.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("GW0302", e.Id));
        Assert.Contains($"'targets.{first}.model'", errors[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"'targets.{second}.model'", errors[1].GetMessage(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Contains("('openai', 'azure-openai')", e.GetMessage(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("weighted-guide.toml", "openai-primary", "azure-secondary")]
    [InlineData("fallback-guide.toml", "openai-primary", "azure-fallback")]
    public void C1_GuideWithProviderOnEachTarget_Builds(string file, string first, string second)
    {
        var toml = File.ReadAllText(Path.Combine(Folder, file))
            .Replace($"[targets.{first}]\n", $"[targets.{first}]\nprovider = \"openai\"\n", StringComparison.Ordinal)
            .Replace($"[targets.{second}]\n", $"[targets.{second}]\nprovider = \"azure-openai\"\n", StringComparison.Ordinal);
        var result = GeneratorHarness.Run(toml);
        // GW0203 (gpt-4o listed twice, passthrough goes to the first) is the only thing left: a warning.
        Assert.Equal(["GW0203"], result.Diagnostics.Select(d => d.Id));
        Assert.Equal(DiagnosticSeverity.Warning, result.Diagnostics[0].Severity);
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void C1_TwoBareTargetsForOneModel_FromTheTargetsPage_NeedsARoute()
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(Folder, TwoBareTargets)));
        Assert.Equal(["GW0306"], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void C1_RepositoryGatewayToml_BuildsCleanly()
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "root", "gateway.toml")));
        Assert.True(result.Diagnostics.IsEmpty, result.Describe());
    }

    private const string OpenAiOnly = "[providers.openai]\nbase_url = \"https://api.openai.com/v1\"\nmodels = [\"gpt-4o\"]\n";

    private const string OpenAiAndAzureTargets = OpenAiOnly +
        "[providers.azure-openai]\nbase_url = \"https://r.openai.azure.com/openai\"\nauth_type = \"api_key_header\"\nmodels = [\"gpt-4o\"]\n" +
        "[targets.openai-primary]\nmodel = \"gpt-4o\"\nprovider = \"openai\"\nweight = 70\n" +
        "[targets.azure-secondary]\nmodel = \"gpt-4o\"\nprovider = \"azure-openai\"\nweight = 30\n";

    /// <summary>Fragments of the docs, completed with the tables their page defines elsewhere.</summary>
    [Theory]
    [InlineData("fragment-genai-telemetry-content-capture.toml", OpenAiOnly, "", "GW0105")]
    [InlineData("fragment-routes-single.toml", OpenAiOnly + "[targets.openai-primary]\nmodel = \"gpt-4o\"\n", "", "")]
    [InlineData("fragment-routes-weighted.toml", OpenAiAndAzureTargets, "", "GW0203")]
    [InlineData("fragment-security.toml", OpenAiOnly, "", "")]
    [InlineData("fragment-simple-option-a-target-credential.toml", OpenAiOnly, "", "")]
    [InlineData("fragment-simple-option-b-explicit-route.toml", OpenAiOnly, "", "")]
    [InlineData("fragment-weighted-default-weight.toml", OpenAiOnly, "[routes.r]\nmodels = [\"gpt-4o\"]\nstrategy = \"weighted\"\ntargets = [\"key-a\", \"key-b\"]\n", "")]
    public void C1_DocumentedFragment_BuildsInContext(string file, string before, string after, string expectedIds)
    {
        var toml = before + File.ReadAllText(Path.Combine(Folder, file)) + "\n" + after;
        var result = GeneratorHarness.Run(toml);
        Assert.Equal(expectedIds.Split(',', StringSplitOptions.RemoveEmptyEntries), result.Diagnostics.Select(d => d.Id));
        Assert.Empty(result.Errors);
    }
}
