using System.Text;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Tests.Ingress;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Tests.Upstream;

public sealed class BodyRewriterTests
{
    [Fact]
    public void RewriteJson_ReplacesOnlyTheModelToken_KeepingEveryOtherByte()
    {
        const string json = "{ \"messages\" : [ {\"role\":\"user\",\"content\":\"hi\\u00e9\"} ],\n \"model\":\"smart\" , \"n\":1.50 }";
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek(bytes, out var field));

        using var rewritten = BodyRewriter.RewriteJson(bytes, field, "gpt-4o");

        Assert.Equal(json.Replace("\"smart\"", "\"gpt-4o\"", StringComparison.Ordinal), Encoding.UTF8.GetString(rewritten.Span));
    }

    [Fact]
    public void RewriteJson_EscapesTheNewValue_SoTheBodyStaysValidJson()
    {
        var bytes = """{"model":"a\u0022b"}"""u8.ToArray();
        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek(bytes, out var field));
        using var rewritten = BodyRewriter.RewriteJson(bytes, field, "x\"y\\z");
        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek(rewritten.Span, out var again));
        Assert.Equal("x\"y\\z", again.Value);
    }

    [Fact]
    public void RewriteMultipart_ReplacesTheFieldValue()
    {
        var body = MultipartModelReaderTests.Form("b0undary", "smart");
        Assert.Equal(PeekStatus.Found, MultipartModelReader.Peek(body, "b0undary", out var field));

        using var rewritten = BodyRewriter.RewriteMultipart(body, field, "whisper-1");

        var expected = Encoding.UTF8.GetString(body).Replace("\r\n\r\nsmart\r\n", "\r\n\r\nwhisper-1\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, Encoding.UTF8.GetString(rewritten.Span));
    }
}
