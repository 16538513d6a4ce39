using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>One test per GW02xx id.</summary>
public sealed class ProviderDiagnosticTests
{
    [Theory]
    [InlineData("ftp://example.com/v1", "scheme 'ftp' is not http or https")]
    [InlineData("api.openai.com/v1", "not an absolute URL")]
    [InlineData("https://user:pw@api.openai.com/v1", "user info")]
    [InlineData("https://api.openai.com/v1?x=1", "no query or fragment")]
    public void GW0200_InvalidBaseUrl_PointsAtTheValue(string url, string why)
    {
        var d = DiagnosticAssert.Single("GW0200", DiagnosticSeverity.Error, $"[providers.openai]\nbase_url = [|\"{url}\"|]\nmodels = [\"gpt-4o\"]\n");
        Assert.Contains(why, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0201_PlainHttpToARemoteHost_IsAWarning()
    {
        DiagnosticAssert.Single("GW0201", DiagnosticSeverity.Warning, "[providers.vllm]\nbase_url = [|\"http://10.1.2.3:8000/v1\"|]\nmodels = [\"llama\"]\nauth_type = \"none\"\n");
    }

    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("http://[::1]:8000/v1")]
    public void GW0201_PlainHttpToLoopback_IsFine(string url)
    {
        var result = GeneratorHarness.Run($"[providers.ollama]\nbase_url = \"{url}\"\nmodels = [\"llama3\"]\nauth_type = \"none\"\n");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void GW0202_HeaderNameWithSpace_PointsAtTheValue()
    {
        DiagnosticAssert.Single("GW0202", DiagnosticSeverity.Error,
            "[providers.azure]\nbase_url = \"https://x.openai.azure.com/openai\"\nmodels = [\"gpt-4o\"]\nauth_type = \"api_key_header\"\nauth_header_name = [|\"api key\"|]\n");
    }

    [Fact]
    public void GW0202_HeaderValueWithNewline_PointsAtTheValue()
    {
        DiagnosticAssert.Single("GW0202", DiagnosticSeverity.Error,
            "[providers.anthropic]\nbase_url = \"https://api.anthropic.com/v1\"\nmodels = [\"claude\"]\nheaders = { \"anthropic-version\" = [|\"2023\\r\\nX-Evil: 1\"|] }\n");
    }

    [Fact]
    public void GW0203_ModelListedBySeveralProviders_WarnsAtTheSecondListing()
    {
        var d = DiagnosticAssert.Single("GW0203", DiagnosticSeverity.Warning,
            Toml.OpenAi + "[providers.azure]\nbase_url = \"https://x.openai.azure.com/openai\"\nmodels = [[|\"gpt-4o\"|]]\n");
        Assert.Contains("goes to 'openai'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0204_StaticCredentialHeader_IsRejected()
    {
        DiagnosticAssert.Single("GW0204", DiagnosticSeverity.Error,
            "[providers.openai]\nbase_url = \"https://api.openai.com/v1\"\nmodels = [\"gpt-4o\"]\nheaders = { [|Authorization|] = \"Bearer x\" }\n");
    }

    private const string AnthropicProvider = "[providers.anthropic]\nbase_url = \"https://api.anthropic.com/v1\"\nmodels = [\"claude-sonnet-4-6\"]\n";

    [Theory]
    [InlineData("routes.embed", "models = [\"embed\"]\ntargets = [\"claude\"]\n", "embeddings")]
    [InlineData("routes.speak", "models = [\"speak\"]\nsteps = [{ targets = [\"claude\"] }]\n", "audio_speech")]
    [InlineData("functions.draw", "models = [\"claude-sonnet-4-6\"]\n", "image_generation")]
    public void GW0205_AnthropicProviderBehindANonChatEndpoint_PointsAtTheEndpoint(string table, string body, string endpoint)
    {
        var d = DiagnosticAssert.Single("GW0205", DiagnosticSeverity.Error,
            AnthropicProvider + "[targets.claude]\nmodel = \"claude-sonnet-4-6\"\n" +
            $"[{table}]\nendpoint = [|\"{endpoint}\"|]\n{body}");
        Assert.Contains("'anthropic'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0205_AnOpenAiFormatProviderNamedAnthropic_MayServeEmbeddings()
    {
        var result = GeneratorHarness.Run(AnthropicProvider.Replace("models =", "api = \"openai\"\nmodels =", StringComparison.Ordinal) +
            "[targets.claude]\nmodel = \"claude-sonnet-4-6\"\n[routes.embed]\nendpoint = \"embeddings\"\nmodels = [\"embed\"]\ntargets = [\"claude\"]\n");
        DiagnosticAssert.None(result.Diagnostics);
    }

    [Fact]
    public void GW0206_ResponsesTrueOnAnAnthropicProvider_PointsAtTheValue()
    {
        var d = DiagnosticAssert.Single("GW0206", DiagnosticSeverity.Error,
            AnthropicProvider + "responses = [|true|]\n");
        Assert.Contains("'providers.anthropic.responses'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0206_ResponsesFalseOnAnAnthropicProvider_IsAllowed()
    {
        DiagnosticAssert.None(GeneratorHarness.Run(AnthropicProvider + "responses = false\n").Diagnostics);
    }
}
