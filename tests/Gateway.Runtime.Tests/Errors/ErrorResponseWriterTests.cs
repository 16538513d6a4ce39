using System.Text;
using System.Text.Json;
using Gateway.Runtime.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Tests.Errors;

public sealed class ErrorResponseWriterTests
{
    [Theory]
    [InlineData(nameof(GatewayError.InvalidRequest), 400, "invalid_request")]
    [InlineData(nameof(GatewayError.InvalidApiKey), 401, "invalid_api_key")]
    [InlineData(nameof(GatewayError.ModelNotFound), 404, "model_not_found")]
    [InlineData(nameof(GatewayError.NotFound), 404, "not_found")]
    [InlineData(nameof(GatewayError.RequestTooLarge), 413, "request_too_large")]
    [InlineData(nameof(GatewayError.ContentBlocked), 400, "content_blocked")]
    [InlineData(nameof(GatewayError.UpstreamError), 502, "upstream_error")]
    [InlineData(nameof(GatewayError.UpstreamTimeout), 504, "upstream_timeout")]
    [InlineData(nameof(GatewayError.UpstreamAuthFailed), 502, "upstream_auth_failed")]
    public async Task E1_EveryError_HasTheOpenAiShape_StatusAndCodeHeader(string name, int status, string code)
    {
        var error = Enum.Parse<GatewayError>(name);
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await ErrorResponseWriter.WriteAsync(context, error);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(code, context.Response.Headers["x-gateway-error-code"]);
        Assert.Equal("application/json", context.Response.ContentType);
        using var json = JsonDocument.Parse(body.ToArray());
        var e = json.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], e.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, e.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("param").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()));
        Assert.Equal(body.Length, context.Response.ContentLength);
    }

    [Fact]
    public void E1_Format_EscapesMessageAndParam()
    {
        var bytes = ErrorResponseWriter.Format(GatewayError.InvalidRequest, "say \"hi\"\n<x>", "model");
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("say \"hi\"\n<x>", json.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("model", json.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public void E1_Format_WritesReadableJson_ApostrophesAndNonAsciiUnescaped()
    {
        var text = Encoding.UTF8.GetString(ErrorResponseWriter.Format(GatewayError.InvalidRequest, "'model' für <x> & \"y\"\u0001"));

        Assert.Contains("'model' für <x> & ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", text, StringComparison.Ordinal);
        // Still JSON-escaped where JSON needs it: quotes and control characters.
        Assert.Contains("\\\"y\\\"\\u0001", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("'model' für <x> & \"y\"\u0001", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
