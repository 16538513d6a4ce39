using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Benchmarks;

/// <summary>
/// One event of a translated stream in steady state, through <c>StreamTranslator</c> (what the relay
/// calls per upstream event): the stream is opened in setup (message start, the block or tool call
/// begun), so each operation is one delta event in, its caller events out. One operation = one
/// upstream event, so the columns read as ns/event and B/event; the writers were built for 0 B/event.
/// <para>
/// Responses (issue 14) cannot be timed that way: its writer keeps the open item's text, because the
/// <c>.done</c> events and <c>response.completed</c> repeat it, so a stream that never ends grows
/// without bound. Its benchmarks translate a whole stream per invocation, through a fresh
/// <c>StreamTranslator</c> as the relay opens one per request: the role chunk, a sentence, a tool
/// call's start (text: one more delta), 64 deltas, the finish and usage chunks, the completion and
/// disposal. <c>OperationsPerInvoke</c> is its upstream events, so the columns are still ns/event
/// and B/event, with the stream's fixed costs spread over its events. The same whole stream to
/// Anthropic is the baseline beside it.
/// </para>
/// </summary>
[MemoryDiagnoser]
public class StreamTranslationBenchmarks
{
    private static readonly string[] AnthropicOpening =
    [
        """{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":1}}}""",
        """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Sure."}}""",
        """{"type":"content_block_stop","index":0}""",
        """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_bench","name":"Read","input":{}}}""",
    ];

    private const string AnthropicText = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello \"world\" — the quick brown fox "}}""";
    private const string AnthropicInput = """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"file_path\": \"/src/a"}}""";

    private static readonly string[] OpenAiOpening =
    [
        """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
        """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{"content":"Sure."},"finish_reason":null}]}""",
        """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_bench","type":"function","function":{"name":"Read","arguments":""}}]},"finish_reason":null}]}""",
    ];

    private const string OpenAiText = """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{"content":"Hello \"world\" — the quick brown fox "},"finish_reason":null}]}""";
    private const string OpenAiArguments = """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"file_path\": \"/src/a"}}]},"finish_reason":null}]}""";

    /// <summary>Deltas per whole stream; with the opening, finish and usage chunks it is <see cref="WholeStreamEvents"/> upstream events.</summary>
    private const int WholeStreamDeltas = 64;
    private const int WholeStreamEvents = 3 + WholeStreamDeltas + 2;

    private const string OpenAiToolFinish = """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""";
    private const string OpenAiTextFinish = """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";
    private const string OpenAiUsage = """{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-bench","choices":[],"usage":{"prompt_tokens":9876,"completion_tokens":64,"total_tokens":9940,"prompt_tokens_details":{"cached_tokens":9600}}}""";

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    /// <summary>The upstream events of one whole OpenAI stream (text: role, text, 64 text deltas; tool arguments: role, text, the call's start, 64 fragments), then finish and usage.</summary>
    private byte[][] _openAiStream = [];
    private readonly ResponsesRequestInfo _responsesInfo = new();
    private StreamTranslator _anthropicToOpenAi = null!;
    private StreamTranslator _openAiToAnthropic = null!;
    private byte[] _anthropicDelta = [];
    private byte[] _openAiDelta = [];

    /// <summary>A text delta, or a tool call's argument fragment (the bulk of a Claude Code turn).</summary>
    [Params("text", "tool arguments")]
    public string Delta { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        var text = Delta == "text";
        _anthropicToOpenAi = Open(WireFormat.Anthropic, WireFormat.OpenAiChat, text ? AnthropicOpening[..3] : AnthropicOpening);
        _openAiToAnthropic = Open(WireFormat.OpenAiChat, WireFormat.Anthropic, text ? OpenAiOpening[..2] : OpenAiOpening);
        _anthropicDelta = Encoding.UTF8.GetBytes(text ? AnthropicText : AnthropicInput);
        _openAiDelta = Encoding.UTF8.GetBytes(text ? OpenAiText : OpenAiArguments);
        // The text param keeps the tool-call slot of the whole stream as one more text delta, so both
        // params have the same number of events.
        var opening = text ? [.. OpenAiOpening[..2], OpenAiText] : OpenAiOpening;
        _openAiStream = [.. opening.Concat(Enumerable.Repeat(text ? OpenAiText : OpenAiArguments, WholeStreamDeltas))
            .Append(text ? OpenAiTextFinish : OpenAiToolFinish).Append(OpenAiUsage).Select(Encoding.UTF8.GetBytes)];
        if (_openAiStream.Length != WholeStreamEvents) throw new InvalidOperationException("bench setup: the whole stream has the wrong length");
        // The delta must translate into at least one caller event, or the benchmark would time a no-op.
        Require(AnthropicEventToOpenAiChunks(), "Anthropic delta -> OpenAI chunk");
        Require(OpenAiChunkToAnthropicEvents(), "OpenAI chunk -> Anthropic event");
        // A whole stream must complete (the final event written), or it would time a cut stream.
        Require(TranslateWholeStream(WireFormat.OpenAiResponses), "whole OpenAI stream -> Responses events");
        Console.WriteLine($"// whole stream ({Delta}): {WholeStreamEvents} upstream events -> Responses {TranslateWholeStream(WireFormat.OpenAiResponses)} B, Anthropic {TranslateWholeStream(WireFormat.Anthropic)} B");
    }

    [Benchmark]
    public int AnthropicEventToOpenAiChunks() => TranslateOne(_anthropicToOpenAi, _anthropicDelta);

    [Benchmark]
    public int OpenAiChunkToAnthropicEvents() => TranslateOne(_openAiToAnthropic, _openAiDelta);

    /// <summary>Issue 14: a whole translated Chat stream into Responses events, per upstream event.</summary>
    [Benchmark(OperationsPerInvoke = WholeStreamEvents)]
    public int OpenAiStreamToResponsesEvents() => TranslateWholeStream(WireFormat.OpenAiResponses);

    /// <summary>The same whole stream into Anthropic events: the baseline for the Responses one.</summary>
    [Benchmark(OperationsPerInvoke = WholeStreamEvents)]
    public int OpenAiStreamToAnthropicEvents() => TranslateWholeStream(WireFormat.Anthropic);

    /// <summary>Bytes written for one event; the output is reset as the relay's is after each write.</summary>
    private int TranslateOne(StreamTranslator translator, byte[] data)
    {
        _output.ResetWrittenCount();
        return translator.Translate(data, _output).IsSuccess ? _output.WrittenCount : -1;
    }

    /// <summary>Bytes written for the whole stream (as the relay, the output is reset after each event), -1 when it did not complete.</summary>
    private int TranslateWholeStream(WireFormat caller)
    {
        using var translator = new StreamTranslator(WireFormat.OpenAiChat, caller, includeUsage: true, DateTimeOffset.UnixEpoch,
            caller == WireFormat.OpenAiResponses ? _responsesInfo : null);
        var written = 0;
        foreach (var data in _openAiStream)
        {
            _output.ResetWrittenCount();
            if (!translator.Translate(data, _output).IsSuccess) return -1;
            written += _output.WrittenCount;
        }
        _output.ResetWrittenCount();
        if (!translator.TryComplete(_output)) return -1;
        return written + _output.WrittenCount;
    }

    private StreamTranslator Open(WireFormat provider, WireFormat caller, string[] opening)
    {
        var translator = new StreamTranslator(provider, caller, includeUsage: true, DateTimeOffset.UnixEpoch);
        foreach (var data in opening)
        {
            _output.ResetWrittenCount();
            if (!translator.Translate(Encoding.UTF8.GetBytes(data), _output).IsSuccess)
                throw new InvalidOperationException($"bench setup: the stream opening was refused: {data}");
        }
        return translator;
    }

    private static void Require(int written, string what)
    {
        if (written <= 0) throw new InvalidOperationException($"bench setup: {what} wrote nothing");
    }
}
