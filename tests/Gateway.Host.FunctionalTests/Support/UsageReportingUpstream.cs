using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A fake provider of both formats that reports a different usage on every answer and adds up what it
/// reported (A3: what the gateway counts must equal this). OpenAI streams carry the usage chunk only when
/// the request asked for it, as real providers do. A prompt containing <see cref="HangAfterUsage"/> gets a
/// stream that stops after its usage and waits for the client to leave.
/// </summary>
internal sealed class UsageReportingUpstream
{
    public const string HangAfterUsage = "HANG_AFTER_USAGE";

    private long _tokens;
    private long _microUsd;
    private long _answers;
    private int _seed;

    /// <summary>Prompt + output tokens reported (prompt including cached).</summary>
    public long Tokens => Interlocked.Read(ref _tokens);

    /// <summary>At $1 / $2 / $0.50 per million input / output / cached tokens (KeyScenario's prices).</summary>
    public long MicroUsd => Interlocked.Read(ref _microUsd);

    public long Answers => Interlocked.Read(ref _answers);

    public async Task Handle(HttpContext context)
    {
        var body = JsonNode.Parse((byte[])context.Items["body"]!)!.AsObject();
        var n = Interlocked.Increment(ref _seed);
        // Varied, never zero: 10–1,009 prompt tokens of which an even number cached, 1–500 output tokens.
        long input = 10 + (n * 7919 % 1000), cached = 2 * (n * 31 % (input / 2)), output = 1 + (n * 104729 % 500);
        var hang = body.ToJsonString().Contains(HangAfterUsage, StringComparison.Ordinal);
        var stream = (bool?)body["stream"] == true;
        var path = context.Request.Path.Value ?? "";
        var model = (string?)body["model"] ?? "m";
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            Report(input, cached, output);
            var uncached = input - cached;
            if (!stream)
            {
                await UpstreamScripts.Json(context, 200, F("""{"id":"msg_1","type":"message","role":"assistant","model":"@model@","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":@uncached@,"cache_read_input_tokens":@cached@,"cache_creation_input_tokens":0,"output_tokens":@output@}}""", ("@model@", (model).ToString()), ("@uncached@", (uncached).ToString()), ("@cached@", (cached).ToString()), ("@output@", (output).ToString())));
                return;
            }
            string[] events =
            [
                F("""event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"@model@","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":@uncached@,"cache_read_input_tokens":@cached@,"cache_creation_input_tokens":0,"output_tokens":1}}}\n\n""", ("@model@", (model).ToString()), ("@uncached@", (uncached).ToString()), ("@cached@", (cached).ToString())),
                """event: content_block_start""" + "\n" + """data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""" + "\n\n",
                """event: content_block_delta""" + "\n" + """data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""" + "\n\n",
                """event: content_block_stop""" + "\n" + """data: {"type":"content_block_stop","index":0}""" + "\n\n",
                F("""event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":@output@}}\n\n""", ("@output@", (output).ToString())),
                """event: message_stop""" + "\n" + """data: {"type":"message_stop"}""" + "\n\n",
            ];
            await UpstreamScripts.Sse(context, events, TimeSpan.Zero);
            return;
        }
        var usage = F("""{"prompt_tokens":@input@,"completion_tokens":@output@,"total_tokens":@input+output@,"prompt_tokens_details":{"cached_tokens":@cached@}}""", ("@input@", (input).ToString()), ("@output@", (output).ToString()), ("@input+output@", (input + output).ToString()), ("@cached@", (cached).ToString()));
        if (!stream)
        {
            Report(input, cached, output);
            await UpstreamScripts.Json(context, 200, F("""{"id":"c1","object":"chat.completion","created":1,"model":"@model@","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":@usage@}""", ("@model@", (model).ToString()), ("@usage@", (usage).ToString())));
            return;
        }
        var includeUsage = (bool?)body["stream_options"]?["include_usage"] == true;
        var chunks = new List<string>
        {
            F("""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"@model@","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n""", ("@model@", (model).ToString())),
            F("""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"@model@","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n""", ("@model@", (model).ToString())),
        };
        if (includeUsage)
        {
            Report(input, cached, output);
            chunks.Add(F("""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"@model@","choices":[],"usage":@usage@}\n\n""", ("@model@", (model).ToString()), ("@usage@", (usage).ToString())));
        }
        if (!hang)
        {
            chunks.Add("data: [DONE]\n\n");
        }
        await UpstreamScripts.Sse(context, chunks, TimeSpan.Zero);
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Fills <c>@name@</c> placeholders (JSON is all braces, so no interpolation).</summary>
    private static string F(string template, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace(name, value, StringComparison.Ordinal);
        }
        return template.Replace("\\n", "\n", StringComparison.Ordinal);
    }

    private void Report(long input, long cached, long output)
    {
        Interlocked.Add(ref _tokens, input + output);
        Interlocked.Add(ref _microUsd, (input - cached) * 1 + cached / 2 + output * 2);
        Interlocked.Increment(ref _answers);
    }
}
