using System.Text;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Relay;

public sealed class SseFirstEventTests
{
    private static SseFirstEventKind Inspect(string text, bool complete = false) => SseFirstEvent.Inspect(Encoding.UTF8.GetBytes(text), complete);

    [Theory]
    [InlineData("data: {\"error\":{\"message\":\"overloaded\"}}\n\n")]
    [InlineData("data:{\"error\":\"x\"}\r\n\r\n")]
    [InlineData(": keep-alive\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n")]
    [InlineData("data: {\ndata: \"error\": {\"code\": 500}\ndata: }\n\n")]
    public void R11_AFirstEventWithATopLevelError_IsAnError(string stream) => Assert.Equal(SseFirstEventKind.Error, Inspect(stream));

    [Theory]
    [InlineData("data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"error\"}}]}\n\n")]
    [InlineData("data: [DONE]\n\n")]
    [InlineData("data: {\"error\":null,\"id\":1}\n\n")]
    [InlineData("data: not json\n\n")]
    [InlineData("data: {\"choices\":[]}\n\ndata: {\"error\":{}}\n\n")]
    public void R11_OrdinaryFirstEvents_AreRelayed(string stream) => Assert.Equal(SseFirstEventKind.Data, Inspect(stream));

    [Theory]
    [InlineData("")]
    [InlineData("data: {\"error\":")]
    [InlineData("data: {\"error\":{}}\n")]
    [InlineData(": comment only\n\n")]
    [InlineData("data: {\"error\":{}}\r")]
    public void AnEventWithoutItsBlankLine_IsIncomplete(string stream) => Assert.Equal(SseFirstEventKind.Incomplete, Inspect(stream));

    [Fact]
    public void AStreamThatEndsMidEvent_IsJudgedOnWhatArrived() =>
        Assert.Equal(SseFirstEventKind.Error, Inspect("data: {\"error\":{\"message\":\"x\"}}", complete: true));
}
