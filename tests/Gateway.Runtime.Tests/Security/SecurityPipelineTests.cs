using System.Text;
using Gateway.Runtime.Model;
using Gateway.Runtime.Security;

namespace Gateway.Runtime.Tests.Security;

/// <summary>The pipeline on whole request bodies: blocklist semantics and which JSON fields are inspected (SPEC §7).</summary>
public sealed class SecurityPipelineTests
{
    private static readonly SecurityPipeline Pipeline = SecurityPipeline.Create(new SecuritySettings(true, ["Forbidden Word", "xyzzy", "über"], PiiDetectors.All))!;

    [Theory]
    [InlineData("forbidden word")]
    [InlineData("FORBIDDEN WORD")]
    [InlineData("a fOrBiDdEn WoRd inside")]
    [InlineData("prefixXYZZYsuffix")]
    [InlineData("ÜBER")]
    public void Blocklist_IsCaseInsensitiveSubstringMatch(string content)
    {
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Chat(content), out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
    }

    [Theory]
    [InlineData("forbidden  word")]
    [InlineData("xyz zy")]
    [InlineData("a perfectly fine prompt")]
    public void Blocklist_NoMatch_Passes(string content) => Assert.False(Pipeline.TryBlock(EndpointKind.Chat, Chat(content), out _));

    [Fact]
    public void Blocklist_SeesUnescapedJson()
    {
        var body = """{"model":"m","messages":[{"role":"user","content":"\u0078yzzy"}]}"""u8;
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, body, out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
    }

    [Theory]
    [InlineData("""{"model":"xyzzy","messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("""{"model":"m","user":"xyzzy","messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("""{"model":"m","metadata":{"content":"xyzzy","messages":[{"content":"xyzzy"}]},"messages":[]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/xyzzy.png"}}]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"text":"xyzzy","type":"input_audio"}]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"xyzzy","description":"call 555-867-5309"}}]}""")]
    [InlineData("""{"model":"m","prompt":"xyzzy","input":"xyzzy","messages":[{"content":"hi"}]}""")]
    public void Chat_OnlyMessageContentIsInspected(string json) => Assert.False(Pipeline.TryBlock(EndpointKind.Chat, Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("""{"model":"m","max_tokens":9,"system":"say xyzzy","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","max_tokens":9,"system":[{"type":"text","text":"say xyzzy"}],"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","max_tokens":9,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"xyzzy"}]}]}""")]
    [InlineData("""{"model":"m","max_tokens":9,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"xyzzy"}]}]}]}""")]
    [InlineData("""{"model":"m","max_tokens":9,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"run","input":{"cmd":{"args":["xyzzy"]}}}]}]}""")]
    public void H6_AnthropicMessages_SystemToolResultsAndToolInputs_AreInspected(string json)
    {
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Encoding.UTF8.GetBytes(json), out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":"ok"},{"role":"user","content":"xyzzy"}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"xyzzy"}]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u"}},{"text":"xyzzy","type":"text"}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"fine"}],"model":"m","messages":[{"role":"user","content":"xyzzy"}]}""")]
    // H6: every spelling an upstream might read as the same field is inspected.
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"fine"}],"MESSAGES":[{"role":"user","content":"xyzzy"}]}""")]
    [InlineData("""{"model":"m","Messages":[{"role":"user","Content":"xyzzy"}]}""")]
    [InlineData("""{"model":"m","mess\u0061ges":[{"role":"user","CONTENT":[{"Type":"TEXT","Text":"xyzzy"}]}]}""")]
    // Names and tool calls are text the model reads.
    [InlineData("""{"model":"m","messages":[{"role":"user","name":"xyzzy","content":"hello"}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"xyzzy\"}"}}]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"xyzzy","arguments":"{}"}}]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant","function_call":{"name":"f","arguments":"xyzzy"}}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","tool_call_id":"c1","content":"result xyzzy"}]}""")]
    public void H6_Chat_MessageTextAndToolCalls_AreInspected(string json)
    {
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Encoding.UTF8.GetBytes(json), out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
    }

    [Theory]
    [InlineData(EndpointKind.Embeddings, """{"model":"m","input":"xyzzy"}""", true)]
    [InlineData(EndpointKind.Embeddings, """{"model":"m","input":["fine","xyzzy"]}""", true)]
    [InlineData(EndpointKind.Embeddings, """{"model":"m","input":[1,2,3],"user":"xyzzy"}""", false)]
    [InlineData(EndpointKind.ImageGeneration, """{"model":"m","prompt":"a xyzzy cat"}""", true)]
    [InlineData(EndpointKind.ImageGeneration, """{"model":"m","prompt":"a cat","style":"xyzzy"}""", false)]
    [InlineData(EndpointKind.AudioSpeech, """{"model":"m","input":"say xyzzy","voice":"alloy"}""", true)]
    [InlineData(EndpointKind.AudioSpeech, """{"model":"m","input":"hello","voice":"xyzzy"}""", false)]
    [InlineData(EndpointKind.Embeddings, """{"model":"m","prompt":"xyzzy","messages":[{"content":"xyzzy"}]}""", false)]
    public void OtherEndpoints_InspectTheirOwnTextField(EndpointKind endpoint, string json, bool blocked) =>
        Assert.Equal(blocked, Pipeline.TryBlock(endpoint, Encoding.UTF8.GetBytes(json), out _));

    [Fact]
    public void Transcription_IsNotInspected() =>
        Assert.False(Pipeline.TryBlock(EndpointKind.AudioTranscription, "--b\r\nxyzzy 4111111111111111"u8, out _));

    [Theory]
    [InlineData("my card is 4111 1111 1111 1111", SecurityDetectors.CreditCard)]
    [InlineData("mail me: someone@example.org", SecurityDetectors.Email)]
    [InlineData("ssn 123-45-6789", SecurityDetectors.Ssn)]
    [InlineData("host 172.16.0.1", SecurityDetectors.Ip)]
    [InlineData("call (555) 867-5309", SecurityDetectors.Phone)]
    public void Pii_InContent_NamesTheDetector_NeverTheText(string content, string expected)
    {
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Chat(content), out var detector));
        Assert.Equal(expected, detector);
        var message = SecurityDetectors.Message(detector);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(content, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_CannotStraddleTwoFields()
    {
        // "xyz" + "zy" in adjacent messages must not form the blocked word.
        var body = """{"model":"m","messages":[{"role":"user","content":"xyz"},{"role":"user","content":"zy"}]}"""u8;
        Assert.False(Pipeline.TryBlock(EndpointKind.Chat, body, out _));
    }

    [Fact]
    public void LargeBody_UsesRentedBuffer_AndStillFindsTheEnd()
    {
        var content = new string('a', 50_000) + " xyzzy";
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Chat(content), out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
    }

    [Fact]
    public void WorstCaseEscapes_FitTheBuffer()
    {
        // Every char escaped (\u0061 = 6 bytes → 1 char) and many one-char strings: still within json.Length.
        var parts = string.Join(",", Enumerable.Repeat("""{"type":"text","text":"\u0061"}""", 500));
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{"role":"user","content":[{{parts}}]}]}""");
        Assert.False(Pipeline.TryBlock(EndpointKind.Chat, body, out _));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"content":"x""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public void UnreadableBody_IsRefused_FailClosed(string json)
    {
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, Encoding.UTF8.GetBytes(json), out var detector));
        Assert.Equal(SecurityDetectors.Unreadable, detector);
    }

    [Fact]
    public void InvalidUtf8InContent_IsRefused_FailClosed()
    {
        byte[] body = [.. """{"model":"m","messages":[{"content":"a"""u8, 0xC3, 0x28, .. "\"}]}"u8];
        Assert.True(Pipeline.TryBlock(EndpointKind.Chat, body, out var detector));
        Assert.Equal(SecurityDetectors.Unreadable, detector);
    }

    [Fact]
    public void Disabled_CreatesNoPipeline() =>
        Assert.Null(SecurityPipeline.Create(new SecuritySettings(false, ["xyzzy"], PiiDetectors.All)));

    [Fact]
    public void EnabledWithNothingToCheck_NeverBlocks()
    {
        var empty = SecurityPipeline.Create(new SecuritySettings(true, [], PiiDetectors.None))!;
        Assert.False(empty.TryBlock(EndpointKind.Chat, Chat("xyzzy 4111111111111111"), out _));
    }

    private static byte[] Chat(string content)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", "m");
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteString("content", content);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
