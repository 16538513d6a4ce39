using System.Text;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Relay;

public sealed class SseDataParserTests
{
    private static List<string> Parse(string sse, int chunkSize)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);
        var events = new List<string>();
        using var parser = new SseDataParser();
        for (var at = 0; at < bytes.Length; at += chunkSize)
        {
            parser.Append(bytes.AsSpan(at, Math.Min(chunkSize, bytes.Length - at)));
            SseParseStatus status;
            while ((status = parser.TryRead(out var data)) == SseParseStatus.Event)
            {
                events.Add(Encoding.UTF8.GetString(data.Span));
            }
            Assert.Equal(SseParseStatus.NeedMore, status);
        }
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void T2_LineEndsCommentsMultiLineDataAndSplitUtf8_AreReadAtAnyChunking(int chunkSize)
    {
        var sse = ": keep-alive\n\n" +
                  "event: message_start\r\ndata: {\"a\":1}\r\n\r\n" +
                  "data:{\"b\":\"ö\"}\r\rdata: line1\ndata: line2\nid: 7\nretry: 10\n\n" +
                  "event: ping\n\n" +
                  "data: [DONE]\n\n" +
                  "data: cut off";
        Assert.Equal(["{\"a\":1}", "{\"b\":\"ö\"}", "line1\nline2", "[DONE]"], Parse(sse, chunkSize));
    }

    [Fact]
    public void T2_ACrAtTheEndOfAChunk_IsNotTakenForTwoLineEnds()
    {
        // "\r" then "\n" in the next read is one line end, not an empty line that dispatches early.
        Assert.Equal(["x\ny"], Parse("data: x\r\ndata: y\r\n\r\n", 8));
    }

    [Fact]
    public void R20_ALineWithoutAnEnd_PastTheBound_IsTooLarge()
    {
        using var parser = new SseDataParser();
        var piece = Encoding.ASCII.GetBytes("data: " + new string('a', 64 * 1024 - 6));
        var status = SseParseStatus.NeedMore;
        for (var i = 0; i < 20 && status == SseParseStatus.NeedMore; i++)
        {
            parser.Append(i == 0 ? piece : Encoding.ASCII.GetBytes(new string('a', 64 * 1024)));
            status = parser.TryRead(out _);
        }
        Assert.Equal(SseParseStatus.TooLarge, status);
    }

    [Fact]
    public void R20_ManyDataLinesPastTheBound_AreTooLarge()
    {
        using var parser = new SseDataParser();
        var line = Encoding.ASCII.GetBytes("data: " + new string('a', 1000) + "\n");
        var status = SseParseStatus.NeedMore;
        for (var i = 0; i < 2000 && status == SseParseStatus.NeedMore; i++)
        {
            parser.Append(line);
            status = parser.TryRead(out _);
        }
        Assert.Equal(SseParseStatus.TooLarge, status);
    }
}
