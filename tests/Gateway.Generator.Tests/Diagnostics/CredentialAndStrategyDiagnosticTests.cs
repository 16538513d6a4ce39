using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>One test per GW04xx, GW05xx and GW9999 id.</summary>
public sealed class CredentialAndStrategyDiagnosticTests
{
    private const string TwoTargets = Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n[targets.b]\nmodel = \"gpt-4o-mini\"\n";

    [Theory]
    [InlineData("sk-proj-abcdef123456")]
    [InlineData("OPENAI_API_KEY")]
    public void GW0400_LiteralSecret_IsRejected_AndNeverEchoed(string secret)
    {
        var d = DiagnosticAssert.Single("GW0400", DiagnosticSeverity.Error, Toml.OpenAi + $"[targets.a]\nmodel = \"gpt-4o\"\ncredential = [|\"{secret}\"|]\n");
        Assert.DoesNotContain(secret, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("env::1BAD", "not a valid environment variable name")]
    [InlineData("env::", "the variable name is empty")]
    [InlineData("file::", "file path is empty")]
    [InlineData("vault::secret/openai", "unknown scheme 'vault::'")]
    public void GW0401_InvalidCredentialReference_SaysWhy(string reference, string why)
    {
        var d = DiagnosticAssert.Single("GW0401", DiagnosticSeverity.Error, Toml.OpenAi + $"[targets.a]\nmodel = \"gpt-4o\"\ncredential = [|\"{reference}\"|]\n");
        Assert.Contains(why, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0402_CredentialOnAuthNoneProvider_IsAWarning()
    {
        DiagnosticAssert.Single("GW0402", DiagnosticSeverity.Warning,
            "[providers.ollama]\nbase_url = \"http://localhost:11434/v1\"\nmodels = [\"llama3\"]\nauth_type = \"none\"\ncredential = [|\"env::OLLAMA_KEY\"|]\n");
    }

    [Fact]
    public void GW0500_SeveralTargetsWithoutStrategy_PointsAtTargets()
    {
        DiagnosticAssert.Single("GW0500", DiagnosticSeverity.Error, TwoTargets + "[routes.r]\nmodels = [\"smart\"]\n[|targets|] = [\"a\", \"b\"]\n");
    }

    [Fact]
    public void GW0501_SingleWithSeveralTargets_PointsAtTheStrategy()
    {
        DiagnosticAssert.Single("GW0501", DiagnosticSeverity.Error, TwoTargets + "[routes.r]\nmodels = [\"smart\"]\nstrategy = [|\"single\"|]\ntargets = [\"a\", \"b\"]\n");
    }

    [Fact]
    public void GW0500_StepTableWithSeveralTargetsWithoutStrategy_PointsAtTheStepsTargets()
    {
        DiagnosticAssert.Single("GW0500", DiagnosticSeverity.Error,
            TwoTargets + "[routes.r]\nmodels = [\"smart\"]\n[[routes.r.steps]]\n[|targets|] = [\"a\", \"b\"]\n");
    }

    [Fact]
    public void GW0500_InlineStepWithSeveralTargetsWithoutStrategy_PointsAtTheStepsTargets()
    {
        DiagnosticAssert.Single("GW0500", DiagnosticSeverity.Error,
            TwoTargets + "[routes.r]\nmodels = [\"smart\"]\nsteps = [{ [|targets|] = [\"a\", \"b\"] }]\n");
    }

    // "Exactly one of" mistakes point at the offending key: the second of the conflicting keys in file order,
    // where the table stops making sense read from the top (SPEC §1). Only a missing key points at the table name.

    [Fact]
    public void GW0502_TargetsAndSteps_PointsAtSteps()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[routes.r]\nmodels = [\"smart\"]\nstrategy = \"fallback\"\ntargets = [\"a\", \"b\"]\n[|steps|] = [{ strategy = \"single\", targets = [\"a\"] }]\n");
    }

    [Fact]
    public void GW0502_StepsThenTargets_PointsAtTargets()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[routes.r]\nmodels = [\"smart\"]\nsteps = [{ strategy = \"single\", targets = [\"a\"] }]\n[|targets|] = [\"a\"]\n");
    }

    [Fact]
    public void GW0502_TargetsAndAStepsTable_PointsAtTheStepsHeader()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[routes.r]\nmodels = [\"smart\"]\ntargets = [\"a\"]\n[[routes.r.[|steps|]]]\ntargets = [\"b\"]\n");
    }

    [Fact]
    public void GW0502_RouteWithNeitherTargetsNorSteps_PointsAtTheRouteName()
    {
        var d = DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error, TwoTargets + "[routes.[|r|]]\nmodels = [\"smart\"]\n");
        Assert.Contains("has neither targets nor steps", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0502_FunctionWithModelsAndTargets_PointsAtTargets()
    {
        var d = DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[functions.summarize]\nstrategy = \"fallback\"\nmodels = [\"gpt-4o\"]\n[|targets|] = [\"a\", \"b\"]\n");
        Assert.Contains("'functions.summarize' has models and targets", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0502_FunctionWithTargetsThenModels_PointsAtModels()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[functions.summarize]\ntargets = [\"a\"]\n[|models|] = [\"gpt-4o\"]\n");
    }

    [Fact]
    public void GW0502_FunctionWithModelsTargetsAndSteps_PointsAtTheSecondOfThem()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            TwoTargets + "[functions.f]\nsteps = [{ targets = [\"a\"] }]\n[|models|] = [\"gpt-4o\"]\ntargets = [\"b\"]\n");
    }

    [Fact]
    public void GW0502_FunctionWithNoneOfModelsTargetsSteps_PointsAtTheFunctionName()
    {
        var d = DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error, TwoTargets + "[functions.[|f|]]\nendpoint = \"chat\"\n");
        Assert.Contains("has none of models, targets, steps", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0502_ExperimentThenModels_PointsAtModels()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            Toml.OpenAi + "[functions.f]\nstrategy = \"experiment\"\n[|models|] = [\"gpt-4o\"]\n[functions.f.variants.a]\nmodel = \"gpt-4o\"\n");
    }

    [Fact]
    public void GW0502_ModelsThenExperiment_PointsAtTheStrategy()
    {
        DiagnosticAssert.Single("GW0502", DiagnosticSeverity.Error,
            Toml.OpenAi + "[functions.f]\nmodels = [\"gpt-4o\"]\nstrategy = [|\"experiment\"|]\n[functions.f.variants.a]\nmodel = \"gpt-4o\"\n");
    }

    [Fact]
    public void GW0503_ExperimentWithoutVariants_PointsAtTheStrategy()
    {
        DiagnosticAssert.Single("GW0503", DiagnosticSeverity.Error, Toml.OpenAi + "[functions.f]\nstrategy = [|\"experiment\"|]\n");
    }

    [Fact]
    public void GW0503_VariantsWithoutExperiment_PointsAtVariants()
    {
        DiagnosticAssert.Single("GW0503", DiagnosticSeverity.Error,
            Toml.OpenAi + "[functions.f]\nstrategy = \"weighted\"\n[functions.f.[|variants|].a]\nmodel = \"gpt-4o\"\n");
    }

    [Fact]
    public void GW0503_VariantsWithoutAnyStrategy_PointsAtVariants()
    {
        DiagnosticAssert.Single("GW0503", DiagnosticSeverity.Error,
            Toml.OpenAi + "[functions.f]\nendpoint = \"chat\"\n[functions.f.[|variants|].a]\nmodel = \"gpt-4o\"\n");
    }

    [Fact]
    public void GW0503_VariantsBeforeANonExperimentStrategy_PointsAtTheStrategy()
    {
        // TOML allows the super-table after its sub-table: the strategy is then the second conflicting key.
        DiagnosticAssert.Single("GW0503", DiagnosticSeverity.Error,
            Toml.OpenAi + "[functions.f.variants.a]\nmodel = \"gpt-4o\"\n[functions.f]\nstrategy = [|\"weighted\"|]\n");
    }

    [Fact]
    public void GW9999_UnexpectedException_BecomesOneDiagnostic_NotACrash()
    {
        // A null text cannot come from MSBuild; it stands in for any bug inside the compiler.
        var result = ConfigCompiler.Compile(new Model.ConfigFile("/x/gateway.toml", null!), CancellationToken.None);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GW9999", diagnostic.Descriptor.Id);
        Assert.Equal(Model.GatewaySpec.Empty, result.Spec);
    }
}
