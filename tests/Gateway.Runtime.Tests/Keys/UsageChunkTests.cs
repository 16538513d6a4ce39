using System.Text;
using System.Text.Json;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>SPEC §11: asking an OpenAI upstream for the usage chunk on the caller's behalf, and hiding it again.</summary>
public sealed class UsageChunkTests
{
    [Theory]
    [InlineData("""{"model":"m","stream":true}""", true)]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":false}}""", true)]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_obfuscation":false}}""", true)]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":true}}""", false)]
    [InlineData("""{"model":"m","stream_options":{"include_usage":true},"stream":true}""", false)]
    [InlineData("""{"model":"m","stream":false}""", false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"stream"}]}""", false)]
    public void A3_IsNeeded_OnlyForAStreamThatDidNotAsk(string body, bool expected) =>
        Assert.Equal(expected, UsageChunkRequest.IsNeeded(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"model":"m","stream":true}""", """{"model":"m","stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":false}}""", """{"model":"m","stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"m","stream_options":{"include_obfuscation":false},"stream":true}""", """{"model":"m","stream_options":{"include_usage":true,"include_obfuscation":false},"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":{},"stream":true}""", """{"model":"m","stream_options":{"include_usage":true},"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":null,"stream":true}""", """{"model":"m","stream_options":{"include_usage":true},"stream":true}""")]
    [InlineData("""{ "model" : "m" , "stream" : true , "messages":[{"a":{"stream_options":1}}] }""", """{ "model" : "m" , "stream" : true , "messages":[{"a":{"stream_options":1}}] ,"stream_options":{"include_usage":true}}""")]
    public void A3_Add_SetsIncludeUsage_KeepingEveryOtherByte(string body, string expected)
    {
        using var added = UsageChunkRequest.Add(Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, Encoding.UTF8.GetString(added.Span));
        using var json = JsonDocument.Parse(added.Memory);
        Assert.True(json.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    private const string Stream =
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n" +
        "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n" +
        "data: [DONE]\n\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task A3_Filter_RemovesOnlyTheUsageChunk_WhereverTheWritesSplit(int pieceSize)
    {
        var output = new MemoryStream();
        await using (var filter = new UsageChunkFilter(output))
        {
            var bytes = Encoding.UTF8.GetBytes(Stream);
            for (var i = 0; i < bytes.Length; i += pieceSize)
            {
                await filter.WriteAsync(bytes.AsMemory(i, Math.Min(pieceSize, bytes.Length - i)));
            }
        }

        var expected = Stream.Replace("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n", "", StringComparison.Ordinal);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A3_Filter_HandlesCrLfEvents_AndPassesAnEventTooLargeToHold()
    {
        var big = "data: {\"choices\":[],\"usage\":{\"x\":\"" + new string('a', 70_000) + "\"}}\r\n\r\n";
        var usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\r\n\r\n";
        var output = new MemoryStream();
        await using (var filter = new UsageChunkFilter(output))
        {
            await filter.WriteAsync(Encoding.UTF8.GetBytes(big + usage + "data: [DONE]\r\n"));
            Assert.Equal(big, Encoding.UTF8.GetString(output.ToArray())); // the unfinished last event is held
            await filter.CompleteAsync(default);
        }

        Assert.Equal(big + "data: [DONE]\r\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
