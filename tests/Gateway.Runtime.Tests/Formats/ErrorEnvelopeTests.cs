using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using static Gateway.Runtime.Tests.Formats.ResponseTranslation;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Upstream error bodies of either envelope, re-written in the caller's (SPEC §9).</summary>
public sealed class ErrorEnvelopeTests
{
    private static JsonDocument WriteError(WireFormat format, ChatError error)
    {
        var (_, doc) = Write(writer =>
        {
            ErrorEnvelope.Write(writer, format, error);
            return FormatResult.Ok;
        });
        return doc!;
    }

    [Fact]
    public void X1_OpenAiErrorBody_KeepsMessageParamAndCode()
    {
        var error = ErrorEnvelope.Read(400, Utf8("""
            {"error":{"message":"Invalid 'messages[1].content': string too long.","type":"invalid_request_error","param":"messages[1].content","code":"string_above_max_length"}}
            """));
        Assert.Equal(ChatErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("Invalid 'messages[1].content': string too long.", error.Message);
        Assert.Equal("messages[1].content", error.Param);
        Assert.Equal("string_above_max_length", error.Code);
    }

    [Fact]
    public void X1_AnthropicErrorBody_KeepsMessage()
    {
        var error = ErrorEnvelope.Read(529, Utf8("""
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011"}
            """));
        Assert.Equal(ChatErrorKind.Overloaded, error.Kind);
        Assert.Equal("Overloaded", error.Message);
        Assert.Null(error.Param);
    }

    [Theory]
    [InlineData(400, "InvalidRequest")]
    [InlineData(422, "InvalidRequest")]
    [InlineData(409, "InvalidRequest")]
    [InlineData(401, "Authentication")]
    [InlineData(403, "Permission")]
    [InlineData(404, "NotFound")]
    [InlineData(413, "RequestTooLarge")]
    [InlineData(429, "RateLimit")]
    [InlineData(500, "Server")]
    [InlineData(502, "Server")]
    [InlineData(503, "Overloaded")]
    [InlineData(529, "Overloaded")]
    [InlineData(504, "Timeout")]
    public void X1_StatusDecidesTheKind(int status, string kind)
    {
        // Enum names: the canonical types are internal, test methods public.
        Assert.Equal(Enum.Parse<ChatErrorKind>(kind), ErrorEnvelope.KindForStatus(status));
    }

    [Theory]
    [InlineData("Overloaded", "Anthropic", 529)]
    [InlineData("Overloaded", "OpenAiChat", 503)]
    [InlineData("RateLimit", "Anthropic", 429)]
    [InlineData("NotFound", "OpenAiChat", 404)]
    [InlineData("Server", "OpenAiChat", 500)]
    public void X1_KindGivesTheCallersStatus(string kind, string format, int status)
    {
        Assert.Equal(status, ErrorEnvelope.Status(Enum.Parse<ChatErrorKind>(kind), Enum.Parse<WireFormat>(format)));
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("""{"detail":"not an error envelope"}""")]
    [InlineData("[1,2,3]")]
    public void X1_UnparseableBody_GivesAGenericMessageNeverTheRawBytes(string body)
    {
        var error = ErrorEnvelope.Read(502, Utf8(body));
        Assert.Equal(ChatErrorKind.Server, error.Kind);
        Assert.Equal("The upstream provider answered 502.", error.Message);
        Assert.DoesNotContain("html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void X1_ValuesOfTheWrongType_AreIgnoredWithoutLosingTheRest()
    {
        // Some providers send numeric codes and nested details; the message still comes through.
        var error = ErrorEnvelope.Read(400, Utf8("""
            {"error":{"code":400,"param":{"path":["a"]},"message":"Bad input","details":[{"type":"x"}]}}
            """));
        Assert.Equal("Bad input", error.Message);
        Assert.Null(error.Param);
        Assert.Null(error.Code);
    }

    [Fact]
    public void X1_StringError_IsTheMessage()
    {
        var error = ErrorEnvelope.Read(401, Utf8("""{"error":"Invalid API key"}"""));
        Assert.Equal(ChatErrorKind.Authentication, error.Kind);
        Assert.Equal("Invalid API key", error.Message);
    }

    [Fact]
    public void X1_LongMessage_IsCut()
    {
        var error = ErrorEnvelope.Read(400, Utf8($$$"""{"error":{"message":"{{{new string('a', 10_000)}}}"}}"""));
        Assert.Equal(ErrorEnvelope.MaxMessageLength, error.Message.Length);
    }

    [Fact]
    public void X1_OpenAiErrorBecomesAnthropicEnvelope()
    {
        var error = ErrorEnvelope.Read(429, Utf8("""{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));
        using var doc = WriteError(WireFormat.Anthropic, error);
        var root = doc.RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", root.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("Rate limit reached", root.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(429, ErrorEnvelope.Status(error.Kind, WireFormat.Anthropic));
    }

    [Fact]
    public void X1_AnthropicErrorBecomesOpenAiEnvelope()
    {
        var error = ErrorEnvelope.Read(404, Utf8("""{"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}"""));
        using var doc = WriteError(WireFormat.OpenAiChat, error);
        var inner = doc.RootElement.GetProperty("error");
        Assert.Equal("model: claude-x", inner.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", inner.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, inner.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, inner.GetProperty("code").ValueKind);
    }

    [Theory]
    [InlineData("InvalidRequest", "invalid_request_error")]
    [InlineData("Authentication", "authentication_error")]
    [InlineData("Permission", "permission_error")]
    [InlineData("NotFound", "not_found_error")]
    [InlineData("RequestTooLarge", "request_too_large")]
    [InlineData("RateLimit", "rate_limit_error")]
    [InlineData("Overloaded", "overloaded_error")]
    [InlineData("Timeout", "timeout_error")]
    [InlineData("Server", "api_error")]
    public void X1_AnthropicTypes(string kind, string type)
    {
        using var doc = WriteError(WireFormat.Anthropic, new ChatError(Enum.Parse<ChatErrorKind>(kind), "m"));
        Assert.Equal(type, doc.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
