using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>One test per GW03xx id.</summary>
public sealed class ReferenceDiagnosticTests
{
    [Fact]
    public void GW0300_UnknownTarget_PointsAtTheReference_AndSuggests()
    {
        var d = DiagnosticAssert.Single("GW0300", DiagnosticSeverity.Error,
            Toml.OpenAi + "[targets.primary]\nmodel = \"gpt-4o\"\n[targets.secondary]\nmodel = \"gpt-4o-mini\"\n" +
            "[routes.r]\nmodels = [\"smart\"]\nstrategy = \"fallback\"\ntargets = [\"primary\", [|\"secondry\"|], \"secondary\"]\n");
        Assert.Contains("'routes.r.targets[1]' references target 'secondry'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("(did you mean 'secondary'?)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0301_TargetModelNoProviderLists_PointsAtTheModel()
    {
        var d = DiagnosticAssert.Single("GW0301", DiagnosticSeverity.Error, Toml.OpenAi + "[targets.a]\nmodel = [|\"gpt-4\"|]\n");
        Assert.Contains("(did you mean 'gpt-4o'?)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0302_AmbiguousProvider_NamesTheCandidates_NextToTheSharedModelWarning()
    {
        // Two providers listing the model is what makes it ambiguous, so GW0203 always comes along.
        var (toml, span) = Markup.Parse(Toml.OpenAi + Toml.Azure + "[targets.a]\nmodel = [|\"gpt-4o\"|]\n");
        var result = GeneratorHarness.Run(toml);
        Assert.Equal(["GW0203", "GW0302"], result.Diagnostics.Select(d => d.Id).Order());
        var error = result.Diagnostics.Single(d => d.Id == "GW0302");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(span, error.Location.SourceSpan);
        Assert.Contains("listed by several providers ('openai', 'azure'). Add provider = \"openai\"", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0303_UnknownProvider_PointsAtTheProviderKey()
    {
        var d = DiagnosticAssert.Single("GW0303", DiagnosticSeverity.Error, Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\nprovider = [|\"openia\"|]\n");
        Assert.Contains("(did you mean 'openai'?)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0303_UnknownProviderPrefix_PointsAtTheModel()
    {
        DiagnosticAssert.Single("GW0303", DiagnosticSeverity.Error, Toml.OpenAi + "[targets.a]\nmodel = [|\"openia::gpt-4o\"|]\n");
    }

    [Fact]
    public void GW0304_ProviderDoesNotListModel_PointsAtTheModel()
    {
        DiagnosticAssert.Single("GW0304", DiagnosticSeverity.Error, Toml.OpenAi + Toml.Anthropic + "[targets.a]\nmodel = [|\"gpt-4o\"|]\nprovider = \"anthropic\"\n");
    }

    [Fact]
    public void GW0305_SameEndpointAndModelInTwoRoutes_PointsAtTheSecond()
    {
        var d = DiagnosticAssert.Single("GW0305", DiagnosticSeverity.Error,
            Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n[targets.b]\nmodel = \"gpt-4o-mini\"\n" +
            "[routes.one]\nmodels = [\"smart\"]\ntargets = [\"a\"]\n[routes.two]\nmodels = [\"fast\", [|\"smart\"|]]\ntargets = [\"b\"]\n");
        Assert.Contains("already served by route 'one'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0305_SameModelOnDifferentEndpoints_IsFine()
    {
        var result = GeneratorHarness.Run(Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n[targets.b]\nmodel = \"gpt-4o-mini\"\n" +
            "[routes.one]\nmodels = [\"smart\"]\ntargets = [\"a\"]\n[routes.two]\nendpoint = \"embeddings\"\nmodels = [\"smart\"]\ntargets = [\"b\"]\n");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void GW0306_TwoBareTargetsForOneModel_PointsAtTheSecondTarget()
    {
        var d = DiagnosticAssert.Single("GW0306", DiagnosticSeverity.Error,
            Toml.OpenAi + "[targets.first]\nmodel = \"gpt-4o\"\ncredential = \"env::KEY_1\"\n[targets.[|second|]]\nmodel = \"gpt-4o\"\ncredential = \"env::KEY_2\"\n");
        Assert.Contains("Targets 'first' and 'second' both serve model 'gpt-4o'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0307_BareTargetForARoutedModel_WarnsItIsUnused()
    {
        DiagnosticAssert.Single("GW0307", DiagnosticSeverity.Warning,
            Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n[targets.[|spare|]]\nmodel = \"gpt-4o\"\n[routes.r]\nmodels = [\"gpt-4o\"]\ntargets = [\"a\"]\n");
    }

    [Fact]
    public void GW0308_ProviderKeyContradictsPrefix_PointsAtTheProviderKey()
    {
        DiagnosticAssert.Single("GW0308", DiagnosticSeverity.Error,
            Toml.OpenAi + Toml.Anthropic + "[targets.a]\nmodel = \"openai::gpt-4o\"\nprovider = [|\"anthropic\"|]\n");
    }

    [Fact]
    public void GW0309_TimeoutForUnknownModel_PointsAtTheTableName()
    {
        DiagnosticAssert.Single("GW0309", DiagnosticSeverity.Error, Toml.OpenAi + "[models.[|gpt-5|]]\ntimeout_ms = 1000\n");
    }
}
