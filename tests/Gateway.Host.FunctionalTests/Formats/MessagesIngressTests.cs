using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// <c>POST /v1/messages</c> over raw HTTP (SPEC §9): same-format relay, translation both ways, errors in
/// the caller's envelope, count_tokens, and caller keys re-presented in the provider's scheme.
/// </summary>
public sealed class MessagesIngressTests
{
    private const string AnthropicBody = """{"model":"claude","max_tokens":64,"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"Say hello"}]}""";

    private static Task<HttpResponseMessage> PostMessagesAsync(GatewayHarness h, string body, string path = "/v1/messages", Action<HttpRequestMessage>? configure = null) =>
        h.PostAsync(path, body, configure: request =>
        {
            request.Headers.Add("x-api-key", Sentinels.CallerKey);
            configure?.Invoke(request);
        });

    [Fact]
    public async Task X4_AnthropicToAnthropic_IsRelayedAsBytes_WithBetaVersionAndQuery()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await PostMessagesAsync(h, AnthropicBody, "/v1/messages?beta=true", configure: r =>
        {
            r.Headers.Add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
            r.Headers.Add("anthropic-version", "2023-06-01");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/anth/v1/messages", upstream.Path);
        Assert.Equal("?beta=true", upstream.Query);
        // Managed: the gateway's key in Anthropic's header, the caller's nowhere.
        Assert.Equal([Sentinels.GatewayKey], upstream.HeaderValues("x-api-key"));
        Assert.Empty(upstream.HeaderValues("Authorization"));
        Assert.Equal(["claude-code-20250219,interleaved-thinking-2025-05-14"], upstream.HeaderValues("anthropic-beta"));
        Assert.Equal(["2023-06-01"], upstream.HeaderValues("anthropic-version"));
        // Only the model is rewritten; everything else (cache_control included) is the caller's bytes.
        Assert.Equal(AnthropicBody.Replace("\"model\":\"claude\"", "\"model\":\"claude-up\"", StringComparison.Ordinal), upstream.BodyText);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"id\":\"msg_up1\"", answer, StringComparison.Ordinal);
        Assert.Equal("anthropic", response.Headers.GetValues("x-gateway-provider").Single());
    }

    [Fact]
    public async Task X4_AnthropicProvider_GetsTheDefaultVersion_WhenNobodySetsOne()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await PostMessagesAsync(h, AnthropicBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["2023-06-01"], h.SingleUpstreamRequest().HeaderValues("anthropic-version"));
    }

    [Fact]
    public async Task X1_AnthropicCaller_ToOpenAiProvider_IsTranslatedBothWays()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await PostMessagesAsync(h, AnthropicBody.Replace("\"claude\"", "\"gpt\"", StringComparison.Ordinal), configure: r => r.Headers.Add("anthropic-beta", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/oai/v1/chat/completions", upstream.Path);
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
        Assert.Empty(upstream.HeaderValues("x-api-key"));
        Assert.Empty(upstream.HeaderValues("anthropic-beta"));
        using var sent = JsonDocument.Parse(upstream.Body);
        Assert.Equal("gpt-up", sent.RootElement.GetProperty("model").GetString());
        var messages = sent.RootElement.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Be brief.", messages[0].GetProperty("content").GetString());
        Assert.Equal("Say hello", messages[1].GetProperty("content").GetString());

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.StartsWith("msg_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(FormatScripts.Text, root.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
        Assert.Equal(7, root.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task X2_AnthropicCaller_ToOpenAiProvider_StreamsAnthropicEvents()
    {
        await using var h = await FormatScenario.StartAsync();
        var body = """{"model":"gpt","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}""";

        using var response = await PostMessagesAsync(h, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal("message_start", events[0].Name);
        Assert.Equal("message_stop", events[^1].Name);
        var text = string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(FormatScripts.Text, text);
        var delta = events.Single(e => e.Name == "message_delta").Data;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        // The upstream was asked for the usage chunk, so the Anthropic caller gets output tokens.
        Assert.Contains("\"include_usage\":true", h.SingleUpstreamRequest().BodyText, StringComparison.Ordinal);
        Assert.Equal(7, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task X1_OpenAiCaller_ToAnthropicProvider_IsTranslatedBothWays()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"claude","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}]}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/anth/v1/messages", upstream.Path);
        Assert.Equal([Sentinels.GatewayKey], upstream.HeaderValues("x-api-key"));
        Assert.Empty(upstream.HeaderValues("Authorization"));
        using var sent = JsonDocument.Parse(upstream.Body);
        Assert.Equal("claude-up", sent.RootElement.GetProperty("model").GetString());
        Assert.Equal("Be brief.", sent.RootElement.GetProperty("system").ValueKind == JsonValueKind.String
            ? sent.RootElement.GetProperty("system").GetString()
            : sent.RootElement.GetProperty("system")[0].GetProperty("text").GetString());
        // Anthropic requires max_tokens: [models.claude-up] max_output_tokens.
        Assert.Equal(2048, sent.RootElement.GetProperty("max_tokens").GetInt32());

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var choice = answer.RootElement.GetProperty("choices")[0];
        Assert.Equal(FormatScripts.Text, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(5, answer.RootElement.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task X5_UnknownModel_OnMessages_IsAnAnthropicNotFoundError()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await PostMessagesAsync(h, AnthropicBody.Replace("\"claude\"", "\"nope\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", response.Headers.GetValues("x-gateway-error-code").Single());
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("not_found_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(h.Upstream.Requests);
    }

    [Fact]
    public async Task X5_UpstreamError_IsWrittenInTheCallersEnvelope()
    {
        await using var h = await FormatScenario.StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 400, """{"error":{"message":"bad temperature","type":"invalid_request_error","param":"temperature","code":null}}""");

        using var response = await PostMessagesAsync(h, AnthropicBody.Replace("\"claude\"", "\"gpt\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("bad temperature", error.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task X5_FieldAnthropicCannotHonour_Is400UnsupportedParameter_BeforeAnyUpstreamCall()
    {
        await using var h = await FormatScenario.StartAsync();

        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"claude","n":2,"messages":[{"role":"user","content":"hi"}]}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_parameter", response.Headers.GetValues("x-gateway-error-code").Single());
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("n", error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Empty(h.Upstream.Requests);
    }

    [Fact]
    public async Task X6_CountTokens_IsForwardedToAnthropic_AndEstimatedForOpenAi()
    {
        await using var h = await FormatScenario.StartAsync();
        var body = """{"model":"claude","messages":[{"role":"user","content":"Hello there, how are you today?"}]}""";

        using var counted = await PostMessagesAsync(h, body, "/v1/messages/count_tokens");
        using var estimated = await PostMessagesAsync(h, body.Replace("\"claude\"", "\"gpt\"", StringComparison.Ordinal), "/v1/messages/count_tokens");

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal("""{"input_tokens":42}""", await counted.Content.ReadAsStringAsync());
        Assert.False(counted.Headers.Contains(Gateway.Runtime.Forwarding.TokenCounter.EstimateHeader));
        Assert.Equal("/anth/v1/messages/count_tokens", Assert.Single(h.Upstream.Requests).Path);

        Assert.Equal(HttpStatusCode.OK, estimated.StatusCode);
        Assert.Equal("estimated", estimated.Headers.GetValues(Gateway.Runtime.Forwarding.TokenCounter.EstimateHeader).Single());
        using var count = JsonDocument.Parse(await estimated.Content.ReadAsStringAsync());
        // o200k_base: "Hello there, how are you today?" is 8 tokens and "user" 1, plus 3 for the message
        // frame (OpenAI's counting recipe); the model name is not counted.
        Assert.Equal(12, count.RootElement.GetProperty("input_tokens").GetInt32());
        Assert.Single(h.Upstream.Requests);
    }

    [Fact]
    public async Task S1_PassthroughKey_IsRepresentedInTheProvidersScheme()
    {
        await using var h = await FormatScenario.StartAsync();

        // Claude Code style: x-api-key, to a passthrough model of an OpenAI-format provider.
        using var toOpenAi = await PostMessagesAsync(h, AnthropicBody.Replace("\"claude\"", "\"gpt-up\"", StringComparison.Ordinal));
        // OpenAI SDK style: Bearer, to a passthrough model of an Anthropic provider.
        using var toAnthropic = await h.PostAsync("/v1/chat/completions", """{"model":"claude-up","messages":[{"role":"user","content":"hi"}]}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.OK, toOpenAi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toAnthropic.StatusCode);
        var requests = h.Upstream.Requests.ToArray();
        var openAi = requests.Single(r => r.Path.StartsWith("/oai/", StringComparison.Ordinal));
        Assert.Equal(["Bearer " + Sentinels.CallerKey], openAi.HeaderValues("Authorization"));
        Assert.Empty(openAi.HeaderValues("x-api-key"));
        var anthropic = requests.Single(r => r.Path.StartsWith("/anth/", StringComparison.Ordinal));
        Assert.Equal([Sentinels.CallerKey], anthropic.HeaderValues("x-api-key"));
        Assert.Empty(anthropic.HeaderValues("Authorization"));
        Assert.DoesNotContain(Sentinels.GatewayKey, openAi.AllText + anthropic.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X1_FallbackAcrossFormats_TranslatesEachAttemptForItsOwnTarget()
    {
        await using var h = await FormatScenario.StartAsync();
        h.Upstream.Handler = context => (context.Request.Path.Value ?? "").StartsWith("/anth/", StringComparison.Ordinal)
            ? UpstreamScripts.Json(context, 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")
            : FormatScripts.OpenAi(context);

        using var response = await PostMessagesAsync(h, AnthropicBody.Replace("\"claude\"", "\"either\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = h.Upstream.Requests.ToArray();
        Assert.Equal(["/anth/v1/messages", "/oai/v1/chat/completions"], requests.Select(r => r.Path));
        Assert.Contains("\"model\":\"claude-up\"", requests[0].BodyText, StringComparison.Ordinal);
        Assert.Contains("\"cache_control\"", requests[0].BodyText, StringComparison.Ordinal); // same format: as sent
        Assert.DoesNotContain("cache_control", requests[1].BodyText, StringComparison.Ordinal); // translated: hint dropped
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(FormatScripts.Text, answer.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
    }

    private static List<(string Name, JsonElement Data)> ParseEvents(string text)
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
