using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>
/// <c>[files]</c> and <c>[responses]</c> (SPEC §10): each mistake is one GW diagnostic at the key or value
/// at fault, with what to do about it.
/// </summary>
public sealed class StoredApiDiagnosticTests
{
    private const string ChatOnly = "[providers.local]\nbase_url = \"http://127.0.0.1:8000/v1\"\nmodels = [\"llama\"]\nresponses = false\n";

    [Fact]
    public void ValidTables_BuildWithoutDiagnostics()
    {
        DiagnosticAssert.None(GeneratorHarness.Run(Toml.OpenAi + ChatOnly
            + "[files]\nprovider = \"local\"\ncredential = \"env::FILES_KEY\"\nmax_bytes = 1048576\n\n[responses]\nprovider = \"openai\"\n").Diagnostics);
    }

    [Theory]
    [InlineData("files")]
    [InlineData("responses")]
    public void GW0303_UnknownProvider_SuggestsTheClosestId(string table)
    {
        var d = DiagnosticAssert.Single("GW0303", DiagnosticSeverity.Error, Toml.OpenAi + $"[{table}]\nprovider = [|\"opnai\"|]\n");
        Assert.Contains($"'{table}.provider' names provider 'opnai'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'openai'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("files", "Files")]
    [InlineData("responses", "stored Responses")]
    public void GW0207_AnthropicProvider_PointsAtTheValue(string table, string api)
    {
        var d = DiagnosticAssert.Single("GW0207", DiagnosticSeverity.Error, Toml.Anthropic + $"[{table}]\nprovider = [|\"anthropic\"|]\n");
        Assert.Contains($"has no {api} API", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("api = \"openai\"", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0208_StoredResponsesOnAProviderWithoutResponses_PointsAtTheValue()
    {
        var d = DiagnosticAssert.Single("GW0208", DiagnosticSeverity.Error, ChatOnly + "[responses]\nprovider = [|\"local\"|]\n");
        Assert.Contains("responses = false", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "GW0103")]
    [InlineData("-1", "GW0103")]
    [InlineData("1099511627776", "GW0103")] // 1 TiB: an extra digit or three
    [InlineData("\"10MB\"", "GW0101")]
    [InlineData("1.5", "GW0101")]
    public void BadMaxBytes_PointsAtTheValue(string value, string id)
    {
        var d = DiagnosticAssert.Single(id, DiagnosticSeverity.Error, Toml.OpenAi + $"[files]\nprovider = \"openai\"\nmax_bytes = [|{value}|]\n");
        Assert.Contains("'files.max_bytes'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0100_UnknownKeyInFiles_SuggestsMaxBytes()
    {
        var d = DiagnosticAssert.Single("GW0100", DiagnosticSeverity.Error, Toml.OpenAi + "[files]\nprovider = \"openai\"\n[|max_byte|] = 10\n");
        Assert.Contains("did you mean 'max_bytes'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0100_MaxBytesInResponses_IsUnknown()
    {
        DiagnosticAssert.Single("GW0100", DiagnosticSeverity.Error, Toml.OpenAi + "[responses]\nprovider = \"openai\"\n[|max_bytes|] = 10\n");
    }

    [Fact]
    public void GW0102_MissingProvider_PointsAtTheTableName()
    {
        var d = DiagnosticAssert.Single("GW0102", DiagnosticSeverity.Error, Toml.OpenAi + "[[|files|]]\nmax_bytes = 10\n");
        Assert.Contains("provider", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0400_LiteralCredential_IsNeverEchoed()
    {
        var d = DiagnosticAssert.Single("GW0400", DiagnosticSeverity.Error, Toml.OpenAi + "[files]\nprovider = \"openai\"\ncredential = [|\"sk-live-123456\"|]\n");
        Assert.DoesNotContain("sk-live", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0402_CredentialOnAProviderWithoutAuth_IsAWarning()
    {
        DiagnosticAssert.Single("GW0402", DiagnosticSeverity.Warning,
            "[providers.local]\nbase_url = \"http://127.0.0.1:8000/v1\"\nmodels = [\"llama\"]\nauth_type = \"none\"\n\n[files]\nprovider = \"local\"\ncredential = [|\"env::X\"|]\n");
    }
}
