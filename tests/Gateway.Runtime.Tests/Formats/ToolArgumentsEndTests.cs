using System.Text;
using Gateway.Runtime.Formats;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 13: when a streamed tool call's arguments have ended, so its Anthropic block may close.</summary>
public sealed class ToolArgumentsEndTests
{
    private static bool EndsAfter(params string[] encodedPieces)
    {
        var end = new ToolArgumentsEnd();
        foreach (var piece in encodedPieces) end.Feed(Encoding.UTF8.GetBytes(piece));
        return end.IsComplete;
    }

    [Theory]
    // Pieces as they arrive in OpenAI's "arguments": the JSON text, escaped once more as a string's content.
    [InlineData(true, """{\"a\":1}""")]
    [InlineData(true, """{\"a\":""", """[1,{}]}""")]
    [InlineData(true, """  {}  """)]
    [InlineData(false, "")]
    [InlineData(false, "   ")]
    [InlineData(false, """{\"a\":{}""")]
    // A closing brace inside a string, written plainly, escaped as \u007d, after an escaped quote.
    [InlineData(false, """{\"a\":\"}""")]
    [InlineData(false, """{\"a\":\"\u007d""")]
    [InlineData(false, """{\"a\":\"\\\"}""")]
    [InlineData(true, """{\"a\":\"\\\"}\"}""")]
    [InlineData(true, """{\"a\":\"\\\\\"}""")]
    // Quotes and braces themselves as \u escapes of the outer string.
    [InlineData(true, """\u007b\u0022a\u0022:1\u007d""")]
    [InlineData(false, """{\u0022a}""")]
    public void X2_ArgumentsEnd_WhenTheTopLevelValueCloses(bool complete, params string[] pieces) =>
        Assert.Equal(complete, EndsAfter(pieces));
}
