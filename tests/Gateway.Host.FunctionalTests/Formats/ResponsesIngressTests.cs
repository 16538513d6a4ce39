using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// <c>POST /v1/responses</c> over raw HTTP (SPEC §10): relayed as bytes to a provider that serves
/// Responses, translated (stateless) to a Chat Completions-only provider and to an Anthropic one,
/// streamed and not, with tool turns, refusals and upstream failures in the Responses shapes.
/// </summary>
public sealed class ResponsesIngressTests
{
    private const string Body = """{"model":"native","instructions":"Be brief.","input":[{"role":"user","content":[{"type":"input_text","text":"Say hello"}]}],"store":false}""";

    private const string WeatherTool = """{"type":"function","name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private static string For(string model, string body = Body) => body.Replace("\"model\":\"native\"", "\"model\":\"" + model + "\"", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> PostAsync(GatewayHarness h, string body) =>
        h.PostAsync("/v1/responses", body, Sentinels.CallerKey);

    [Fact]
    public async Task X4_ResponsesToANativeProvider_IsRelayedAsBytes_ToItsResponsesPath()
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/oai/v1/responses", upstream.Path);
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
        // Only the model is rewritten: store, instructions and the item shapes are the caller's bytes.
        Assert.Equal(Body.Replace("\"model\":\"native\"", "\"model\":\"gpt-up\"", StringComparison.Ordinal), upstream.BodyText);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ResponsesScripts.ResponseId, answer.RootElement.GetProperty("id").GetString());
        Assert.Equal("openai", response.Headers.GetValues("x-gateway-provider").Single());
        Assert.False(response.Headers.Contains("x-gateway-dropped-tools"));
    }

    [Theory]
    [InlineData("chat", "/chat/v1/chat/completions")]
    [InlineData("claude", "/anth/v1/messages")]
    public async Task X1_ResponsesToAProviderWithoutIt_IsTranslatedBothWays(string model, string path)
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(path, upstream.Path);
        Assert.DoesNotContain("\"store\"", upstream.BodyText, StringComparison.Ordinal);
        Assert.Contains("Be brief.", upstream.BodyText, StringComparison.Ordinal);
        Assert.Contains("Say hello", upstream.BodyText, StringComparison.Ordinal);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.StartsWith("resp_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var message = root.GetProperty("output")[0];
        Assert.Equal("message", message.GetProperty("type").GetString());
        Assert.Equal(FormatScripts.Text, message.GetProperty("content")[0].GetProperty("text").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(7, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Theory]
    [InlineData("native")]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X2_ResponsesStream_EndsWithResponseCompletedAndUsage(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For(model, Body.Replace("\"store\":false", "\"store\":false,\"stream\":true", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal("response.created", events[0].Name);
        Assert.Equal("response.completed", events[^1].Name);
        // Every event names its own type, and text deltas come between the item's added and done.
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        var names = events.Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("response.output_item.added") < names.IndexOf("response.output_text.delta"));
        Assert.True(names.LastIndexOf("response.output_text.delta") < names.IndexOf("response.output_item.done"));
        var text = string.Concat(events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Data.GetProperty("delta").GetString()));
        Assert.Equal(FormatScripts.Text, text);
        var completed = events[^1].Data.GetProperty("response");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X1_FunctionToolRoundTrip_CallThenOutput(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();
        var first = For(model, $$"""{"model":"native","input":"{{FormatScripts.ToolTrigger}} what is the weather?","tools":[{{WeatherTool}}]}""");

        using var call = await PostAsync(h, first);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        using var called = JsonDocument.Parse(await call.Content.ReadAsStringAsync());
        var item = called.RootElement.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "function_call");
        Assert.Equal("get_weather", item.GetProperty("name").GetString());
        Assert.Equal(FormatScripts.ToolInput, item.GetProperty("arguments").GetString());
        var callId = item.GetProperty("call_id").GetString()!;

        // The client runs the tool and sends the whole conversation back (translated routes are stateless).
        var second = For(model, $$"""{"model":"native","input":[{"role":"user","content":"{{FormatScripts.ToolTrigger}} what is the weather?"},{"type":"function_call","call_id":"{{callId}}","name":"get_weather","arguments":{{JsonSerializer.Serialize(FormatScripts.ToolInput)}}},{"type":"function_call_output","call_id":"{{callId}}","output":"sunny"}],"tools":[{{WeatherTool}}]}""");
        using var answer = await PostAsync(h, second);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var done = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var message = done.RootElement.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "message");
        Assert.Equal("Tool said: sunny", message.GetProperty("content")[0].GetProperty("text").GetString());
        if (model == "chat")
        {
            // The call and its output reached the chat provider as an assistant tool call and a tool message.
            var sent = h.Upstream.Requests.Last().BodyText;
            Assert.Contains("\"role\":\"tool\"", sent, StringComparison.Ordinal);
            Assert.Contains("\"tool_call_id\":\"" + callId + "\"", sent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X5_PreviousResponseId_OnATranslatedRoute_Is400_BeforeAnyUpstreamCall(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For(model, """{"model":"native","previous_response_id":"resp_123","input":"and then?"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_parameter", response.Headers.GetValues("x-gateway-error-code").Single());
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var e = error.RootElement.GetProperty("error");
        Assert.Equal("previous_response_id", e.GetProperty("param").GetString());
        Assert.Contains("stateless", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Upstream.Requests);
    }

    [Fact]
    public async Task X4_PreviousResponseId_ToANativeProvider_IsRelayed()
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, """{"model":"native","previous_response_id":"resp_123","input":"and then?"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"previous_response_id\":\"resp_123\"", h.SingleUpstreamRequest().BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-up", "/oai/v1/responses")]
    [InlineData("chat-up", "/chat/v1/chat/completions")]
    [InlineData("claude-up", "/anth/v1/messages")]
    public async Task S1_PassthroughResponses_UsesTheCallersKey_NativeOrTranslated(string model, string path)
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(path, upstream.Path);
        Assert.Equal("passthrough", response.Headers.GetValues("x-gateway-route").Single());
        Assert.DoesNotContain(Sentinels.GatewayKey, upstream.AllText, StringComparison.Ordinal);
        Assert.Contains(Sentinels.CallerKey, upstream.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X4_VariantMaxTokens_ToANativeProvider_IsSetAsMaxOutputTokens()
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, """{"model":"exp","input":"hi","max_output_tokens":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The Responses API has no max_tokens: the variant's limit replaces the caller's max_output_tokens.
        Assert.Equal("""{"model":"gpt-up","input":"hi","max_output_tokens":77}""", h.SingleUpstreamRequest().BodyText);
    }

    [Fact]
    public async Task X1_HostedTools_AreDroppedAndNamed_OnATranslatedRoute_AndKeptOnANativeOne()
    {
        await using var h = await ResponsesScenario.StartAsync();
        var body = $$$"""{"model":"native","input":"hi","tools":[{"type":"web_search"},{{{WeatherTool}}},{"type":"code_interpreter","container":{"type":"auto"}}]}""";

        using var translated = await PostAsync(h, For("chat", body));
        using var native = await PostAsync(h, body);

        Assert.Equal(HttpStatusCode.OK, translated.StatusCode);
        Assert.Equal("web_search,code_interpreter", translated.Headers.GetValues("x-gateway-dropped-tools").Single());
        var requests = h.Upstream.Requests.ToArray();
        Assert.DoesNotContain("web_search", requests[0].BodyText, StringComparison.Ordinal);
        Assert.Contains("get_weather", requests[0].BodyText, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, native.StatusCode);
        Assert.False(native.Headers.Contains("x-gateway-dropped-tools"));
        Assert.Contains("\"web_search\"", requests[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X5_ToolChoiceForcingAHostedTool_Is400_OnATranslatedRoute()
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For("chat", """{"model":"native","input":"hi","tools":[{"type":"web_search"}],"tool_choice":{"type":"web_search"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(h.Upstream.Requests);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X5_UpstreamError_IsWrittenInTheOpenAiEnvelope(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 400, model == "chat"
            ? """{"error":{"message":"bad temperature","type":"invalid_request_error","param":"temperature","code":null}}"""
            : """{"type":"error","error":{"type":"invalid_request_error","message":"bad temperature"}}""");

        using var response = await PostAsync(h, For(model));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("bad temperature", error.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task X5_UnknownModel_OnResponses_IsAnOpenAiNotFoundError()
    {
        await using var h = await ResponsesScenario.StartAsync();

        using var response = await PostAsync(h, For("nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(h.Upstream.Requests);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X2_TranslatedStream_CutByTheUpstream_EndsWithResponseFailed(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();
        // The upstream starts a proper stream, then the connection ends without its terminal event.
        h.Upstream.Handler = context => model == "chat"
            ? UpstreamScripts.Sse(context, ["data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"chat-up\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"], TimeSpan.Zero)
            : UpstreamScripts.Sse(context, [
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-up\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n"], TimeSpan.Zero);

        using var response = await PostAsync(h, For(model, """{"model":"native","input":"hi","stream":true}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal("response.created", events[0].Name);
        Assert.Contains(events, e => e.Name == "response.output_text.delta");
        Assert.Equal("response.failed", events[^1].Name);
        Assert.DoesNotContain(events, e => e.Name == "response.completed");
        Assert.Equal("failed", events[^1].Data.GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task X2_NativeStream_CutByTheUpstream_EndsWithResponseFailed()
    {
        await using var h = await ResponsesScenario.StartAsync();
        var clientHasFirstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = async context =>
        {
            await UpstreamScripts.Sse(context, ["event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}\n\n"], TimeSpan.Zero);
            await clientHasFirstEvent.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await UpstreamScripts.Sse(context, ["event: response.output_text.delta\ndata: {\"type\":"], TimeSpan.Zero);
            context.Abort(); // mid-event, after the client holds the first one: the relayed bytes just stop
        };

        using var response = await h.PostAsync("/v1/responses", """{"model":"native","input":"hi","stream":true}""", Sentinels.CallerKey, completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[1024];
        while (!Encoding.UTF8.GetString(received.ToArray()).Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, "the stream ended before its first event");
            received.Write(buffer, 0, read);
        }
        clientHasFirstEvent.SetResult();
        await stream.CopyToAsync(received);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The half event is closed by an empty line, then the gateway's response.failed ends the stream.
        var events = ParseEvents(Encoding.UTF8.GetString(received.ToArray()).Replace("data: {\"type\":\n\n", "", StringComparison.Ordinal));
        Assert.Equal("response.created", events[0].Name);
        Assert.Equal("response.failed", events[^1].Name);
        Assert.Equal("failed", events[^1].Data.GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task X1_FallbackFromNativeToTranslated_TranslatesOnlyTheAttemptThatNeedsIt()
    {
        await using var h = await ResponsesScenario.StartAsync();
        h.Upstream.Handler = context => (context.Request.Path.Value ?? "").StartsWith("/oai/", StringComparison.Ordinal)
            ? UpstreamScripts.Json(context, 503, """{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}""")
            : ResponsesScenario.ByPath(context);

        using var response = await PostAsync(h, For("mixed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = h.Upstream.Requests.ToArray();
        Assert.Equal(["/oai/v1/responses", "/chat/v1/chat/completions"], requests.Select(r => r.Path));
        Assert.Contains("\"input\"", requests[0].BodyText, StringComparison.Ordinal); // native: the caller's shape
        Assert.Contains("\"messages\"", requests[1].BodyText, StringComparison.Ordinal); // translated
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("response", answer.RootElement.GetProperty("object").GetString());
        Assert.Equal("chatonly", response.Headers.GetValues("x-gateway-provider").Single());
    }

    internal static List<(string Name, JsonElement Data)> ParseEvents(string text)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Append(line[6..]);
            }
            if (name is not null) events.Add((name, JsonDocument.Parse(data.ToString()).RootElement.Clone()));
        }
        return events;
    }
}
