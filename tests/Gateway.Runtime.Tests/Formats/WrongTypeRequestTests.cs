using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using static Gateway.Runtime.Tests.Formats.ResponseTranslation;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>A caller's value of the wrong JSON type is a 400, never an exception out of the reader.</summary>
public sealed class WrongTypeRequestTests
{
    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":5,"content":"hi"}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":true,"text":"hi"}]}]}""")]
    [InlineData("""{"model":"m","messages":[],"response_format":{"type":1}}""")]
    public void X1_OpenAiRequestWithWrongTypes_IsInvalidRequest(string body)
    {
        var result = OpenAiChatRequestReader.Read(Utf8(body), new ChatRequest());
        Assert.Equal(FormatError.InvalidRequest, result.Error);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":5,"content":"hi"}]}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"tool_choice":{"type":3}}""")]
    public void X1_AnthropicRequestWithWrongTypes_IsInvalidRequest(string body)
    {
        var result = AnthropicRequestReader.Read(Utf8(body), new ChatRequest());
        Assert.Equal(FormatError.InvalidRequest, result.Error);
    }
}
