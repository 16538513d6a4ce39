using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Benchmarks;

/// <summary>
/// One event of a translated stream in steady state, through <c>StreamTranslator</c> (what the relay
/// calls per upstream event): the stream is opened in setup (message start, the block or tool call
/// begun), so each operation is one delta event in, its caller events out. One operation = one
/// upstream event, so the columns read as ns/event and B/event; the writers were built for 0 B/event.
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

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
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
        // The delta must translate into at least one caller event, or the benchmark would time a no-op.
        Require(AnthropicEventToOpenAiChunks(), "Anthropic delta -> OpenAI chunk");
        Require(OpenAiChunkToAnthropicEvents(), "OpenAI chunk -> Anthropic event");
    }

    [Benchmark]
    public int AnthropicEventToOpenAiChunks() => TranslateOne(_anthropicToOpenAi, _anthropicDelta);

    [Benchmark]
    public int OpenAiChunkToAnthropicEvents() => TranslateOne(_openAiToAnthropic, _openAiDelta);

    /// <summary>Bytes written for one event; the output is reset as the relay's is after each write.</summary>
    private int TranslateOne(StreamTranslator translator, byte[] data)
    {
        _output.ResetWrittenCount();
        return translator.Translate(data, _output).IsSuccess ? _output.WrittenCount : -1;
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
