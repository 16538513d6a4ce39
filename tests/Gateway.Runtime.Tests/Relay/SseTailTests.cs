using System.Text;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Relay;

public sealed class SseTailTests
{
    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "data: a\n\n" }, true)]
    [InlineData(new[] { "data: a\r\n\r\n" }, true)]
    [InlineData(new[] { "data: a\r\r" }, true)]
    [InlineData(new[] { "data: a\n", "\n" }, true)]
    [InlineData(new[] { "data: a\r\n\r", "\n" }, true)]
    [InlineData(new[] { "data: a\n" }, false)]
    [InlineData(new[] { "data: a" }, false)]
    [InlineData(new[] { "data: a\n\ndata: b" }, false)]
    [InlineData(new[] { "data: a\r\n" }, false)]
    public void T4_AtEventBoundary_FollowsTheLastBytesAcrossChunks(string[] chunks, bool expected)
    {
        var tail = new SseTail();
        foreach (var chunk in chunks) tail.Append(Encoding.UTF8.GetBytes(chunk));
        Assert.Equal(expected, tail.AtEventBoundary);
    }

    [Fact]
    public void T4_ErrorEvent_IsOneDataLineWithTheStreamErrorCode_AndNoDone()
    {
        var text = Encoding.UTF8.GetString(SseErrorEvent.UpstreamFailed);
        Assert.StartsWith("data: {\"error\":", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n\n", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"upstream_stream_error\"", text, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"server_error\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
