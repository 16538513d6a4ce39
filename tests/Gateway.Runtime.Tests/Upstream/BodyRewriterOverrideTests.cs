using System.Text;
using System.Text.Json;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Tests.Upstream;

/// <summary>Experiment variants: <c>temperature</c>/<c>top_p</c>/<c>max_tokens</c> spliced into the raw body.</summary>
public sealed class BodyRewriterOverrideTests
{
    private static string Rewrite(string json, string? model, RequestOverrides overrides)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek(bytes, out var field));
        using var rewritten = BodyRewriter.RewriteJson(bytes, field, model, overrides);
        return Encoding.UTF8.GetString(rewritten.Span);
    }

    [Fact]
    public void ExistingFieldsAreReplacedInPlace_MissingOnesAppended_EveryOtherByteKept()
    {
        const string json = "{ \"model\" : \"exp\",\n \"temperature\": 1.0, \"messages\":[{\"role\":\"user\",\"content\":\"temperature\"}], \"max_tokens\" : 9 }";
        var result = Rewrite(json, "up-model", new RequestOverrides(0.2, 0.9, 500));
        Assert.Equal("{ \"model\" : \"up-model\",\n \"temperature\": 0.2, \"messages\":[{\"role\":\"user\",\"content\":\"temperature\"}], \"max_tokens\" : 500 ,\"top_p\":0.9}", result);
        using var doc = JsonDocument.Parse(result);
        Assert.Equal(0.9, doc.RootElement.GetProperty("top_p").GetDouble());
    }

    [Fact]
    public void NestedFieldsWithTheSameName_AreNotTouched_AndTheModelCanStay()
    {
        const string json = """{"model":"gpt","metadata":{"temperature":5},"stream":true}""";
        var result = Rewrite(json, null, new RequestOverrides(0.25, null, null));
        Assert.Equal("""{"model":"gpt","metadata":{"temperature":5},"stream":true,"temperature":0.25}""", result);
    }

    [Fact]
    public void DuplicateKeys_AreAllReplaced_SoFirstWinsAndLastWinsParsersAgree()
    {
        var result = Rewrite("""{"max_tokens":1,"model":"m","max_tokens":2}""", null, new RequestOverrides(null, null, 64));
        Assert.Equal("""{"max_tokens":64,"model":"m","max_tokens":64}""", result);
    }

    [Fact]
    public void NonFiniteTomlFloats_AreNotSent() =>
        Assert.Equal("""{"model":"m"}""", Rewrite("""{"model":"m"}""", null, new RequestOverrides(double.NaN, double.PositiveInfinity, null)));
}
