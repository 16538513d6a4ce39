using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>One test per GW00xx/GW01xx id: id, severity, file, span, and no other diagnostic.</summary>
public sealed class SchemaDiagnosticTests
{
    [Fact]
    public void GW0001_TomlSyntaxError_IsReportedAtItsPosition()
    {
        var d = DiagnosticAssert.Single("GW0001", DiagnosticSeverity.Error, Toml.OpenAi + "[server]\nport = 4000 [|4001|]\n");
        Assert.Contains("Invalid TOML", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0002_NoConfigFile_WarnsAndEmitsEmptyTable()
    {
        var compilation = GeneratorHarness.NewCompilation("namespace Consumer { internal static class Program { } }");
        var driver = GeneratorHarness.CreateDriver([]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("GW0002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void GW0003_SeveralConfigFiles_IsAnError()
    {
        var compilation = GeneratorHarness.NewCompilation("namespace Consumer { internal static class Program { } }");
        var driver = GeneratorHarness.CreateDriver([new InMemoryAdditionalText("/a/gateway.toml", Toml.OpenAi), new InMemoryAdditionalText("/b/gateway.toml", Toml.OpenAi)]);
        var diagnostic = Assert.Single(driver.RunGenerators(compilation).GetRunResult().Diagnostics);
        Assert.Equal("GW0003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("/a/gateway.toml", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0100_UnknownKey_PointsAtTheKey_AndSuggestsTheClosest()
    {
        var d = DiagnosticAssert.Single("GW0100", DiagnosticSeverity.Error, "[server]\n[|prot|] = 4000\n");
        Assert.Contains("'server.prot' (did you mean 'port'?)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0100_UnknownTopLevelTable_PointsAtTheTableName()
    {
        var d = DiagnosticAssert.Single("GW0100", DiagnosticSeverity.Error, Toml.OpenAi + "[[|provider|].x]\nbase_url = \"https://a/v1\"\n");
        Assert.Contains("did you mean 'providers'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0101_WrongType_PointsAtTheValue()
    {
        var d = DiagnosticAssert.Single("GW0101", DiagnosticSeverity.Error, "[server]\nport = [|\"4000\"|]\n");
        Assert.Contains("'server.port' must be an integer, but is a string", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0102_MissingRequiredKey_PointsAtTheTableName()
    {
        var d = DiagnosticAssert.Single("GW0102", DiagnosticSeverity.Error, "[providers.[|openai|]]\nmodels = [\"gpt-4o\"]\n");
        Assert.Contains("'providers.openai.base_url' is required", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0103_OutOfRange_PointsAtTheValue()
    {
        var d = DiagnosticAssert.Single("GW0103", DiagnosticSeverity.Error, "[server]\nport = [|70000|]\n");
        Assert.Contains("between 1 and 65535", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0104_InvalidEnumValue_SuggestsTheClosest()
    {
        var d = DiagnosticAssert.Single("GW0104", DiagnosticSeverity.Error,
            Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n[routes.r]\nmodels = [\"gpt-4o\"]\nstrategy = [|\"singel\"|]\ntargets = [\"a\"]\n");
        Assert.Contains("(did you mean 'single'?)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0104_UnknownProviderApi_ListsTheFormats()
    {
        var d = DiagnosticAssert.Single("GW0104", DiagnosticSeverity.Error,
            "[providers.claude]\nbase_url = \"https://api.anthropic.com/v1\"\nmodels = [\"claude\"]\napi = [|\"messages\"|]\n");
        Assert.Contains("\"openai\", \"anthropic\"", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0105_UnsupportedTo11Table_IsAWarning()
    {
        DiagnosticAssert.Single("GW0105", DiagnosticSeverity.Warning, Toml.OpenAi + "[[|tenant_routing|]]\nenabled = true\n");
    }

    [Fact]
    public void GW0106_EmptyModels_PointsAtTheArray()
    {
        DiagnosticAssert.Single("GW0106", DiagnosticSeverity.Error, "[providers.openai]\nbase_url = \"https://api.openai.com/v1\"\nmodels = [|[]|]\n");
    }

    [Fact]
    public void GW0107_DuplicateModel_PointsAtTheSecondOccurrence()
    {
        DiagnosticAssert.Single("GW0107", DiagnosticSeverity.Error, "[providers.openai]\nbase_url = \"https://api.openai.com/v1\"\nmodels = [\"gpt-4o\", [|\"gpt-4o\"|]]\n");
    }

    [Fact]
    public void GW0108_EmptyBlocklistEntry_PointsAtTheItem()
    {
        DiagnosticAssert.Single("GW0108", DiagnosticSeverity.Error, Toml.OpenAi + "[security]\nenabled = true\nblocklist = [\"dan mode\", [|\"  \"|]]\n");
    }

    [Fact]
    public void GW0109_InvalidOtlpEndpoint_PointsAtTheValue()
    {
        DiagnosticAssert.Single("GW0109", DiagnosticSeverity.Error, Toml.OpenAi + "[telemetry]\nenabled = true\notlp_endpoint = [|\"collector:4317\"|]\n");
    }
}
