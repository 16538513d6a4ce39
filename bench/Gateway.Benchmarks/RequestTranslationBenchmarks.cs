using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Benchmarks;

/// <summary>
/// A translated chat request as <c>ForwardRequest.TranslatedBodyFor</c> does it: a fresh canonical
/// <see cref="ChatRequest"/> read from the caller's body, then written in the provider's format into a
/// reused output buffer (the host rents a pooled one). The body is Claude Code's first request
/// (~100 KB, 24 tools); the OpenAI Chat body is that request translated once in setup, so both
/// directions carry the same system prompt, tools and messages. Issue 14 adds a Responses caller:
/// Codex's recorded tool-turn request to Chat (and to Anthropic), and a Chat answer translated back
/// into a Responses <c>response</c> object as <c>ResponseTranslation</c> does it for the relay.
/// </summary>
[MemoryDiagnoser]
public class RequestTranslationBenchmarks
{
    private static readonly RequestTranslationOptions Options = new() { UpstreamModel = "bench-upstream-model" };

    /// <summary>What a chat-only provider answers a Codex tool turn: a sentence, one call, cached and reasoning tokens.</summary>
    private const string ChatAnswer =
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":"Let me read the note first.","tool_calls":[{"id":"call_bench","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"cat /work/recorded/note.txt\",\"yield_time_ms\":10000}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9876,"completion_tokens":42,"total_tokens":9918,"prompt_tokens_details":{"cached_tokens":9600},"completion_tokens_details":{"reasoning_tokens":16}}}""";

    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private byte[] _anthropicBody = [];
    private byte[] _openAiBody = [];
    private byte[] _responsesBody = [];
    private readonly byte[] _chatAnswer = Encoding.UTF8.GetBytes(ChatAnswer);
    /// <summary>From reading the Codex request once: which tools are custom (the answer's writer needs it).</summary>
    private ResponsesRequestInfo _responsesInfo = new();

    [GlobalSetup]
    public void Setup()
    {
        _anthropicBody = BenchFixtures.ClaudeCodeFirstRequest();
        var request = new ChatRequest();
        Require(RequestTranslation.Read(WireFormat.Anthropic, _anthropicBody, request), "read the Anthropic fixture");
        Require(RequestTranslation.Write(WireFormat.OpenAiChat, request, _output, RequestTranslationOptions.Default), "write it as OpenAI Chat");
        _openAiBody = _output.WrittenSpan.ToArray();
        Console.WriteLine($"// bodies: Anthropic {_anthropicBody.Length} B ({request.Tools.Count} tools), OpenAI Chat {_openAiBody.Length} B");
        _responsesBody = BenchFixtures.CodexToolTurnRequest();
        var codex = new ChatRequest();
        Require(RequestTranslation.Read(WireFormat.OpenAiResponses, _responsesBody, codex, _responsesInfo), "read the Codex fixture");
        Console.WriteLine($"// Codex Responses body {_responsesBody.Length} B: {codex.Messages.Count} messages, {codex.Tools.Count} tools kept " +
                          $"({_responsesInfo.CustomTools.Count} custom), dropped: {string.Join(",", _responsesInfo.DroppedTools)}");
        // Every direction must succeed, or the benchmark would time an early refusal.
        Require(Translate(WireFormat.Anthropic, _anthropicBody, WireFormat.OpenAiChat), "Anthropic -> OpenAI Chat");
        Require(Translate(WireFormat.OpenAiChat, _openAiBody, WireFormat.Anthropic), "OpenAI Chat -> Anthropic");
        Require(Translate(WireFormat.OpenAiResponses, _responsesBody, WireFormat.OpenAiChat), "Responses -> OpenAI Chat");
        Console.WriteLine($"// Codex request as OpenAI Chat: {_output.WrittenCount} B");
        Require(Translate(WireFormat.OpenAiResponses, _responsesBody, WireFormat.Anthropic), "Responses -> Anthropic");
        Require(TranslateChatAnswer(), "OpenAI Chat answer -> Responses");
        Console.WriteLine($"// Chat answer {_chatAnswer.Length} B as a Responses object: {_output.WrittenCount} B");
    }

    [Benchmark]
    public bool AnthropicToOpenAiChat() => Translate(WireFormat.Anthropic, _anthropicBody, WireFormat.OpenAiChat).IsSuccess;

    [Benchmark]
    public bool OpenAiChatToAnthropic() => Translate(WireFormat.OpenAiChat, _openAiBody, WireFormat.Anthropic).IsSuccess;

    [Benchmark]
    public bool ResponsesToOpenAiChat() => Translate(WireFormat.OpenAiResponses, _responsesBody, WireFormat.OpenAiChat).IsSuccess;

    [Benchmark]
    public bool ResponsesToAnthropic() => Translate(WireFormat.OpenAiResponses, _responsesBody, WireFormat.Anthropic).IsSuccess;

    /// <summary>The non-streaming answer of the translated Responses route: Chat JSON in, a <c>response</c> object out.</summary>
    [Benchmark]
    public bool OpenAiChatAnswerToResponses() => TranslateChatAnswer().IsSuccess;

    private FormatResult Translate(WireFormat caller, byte[] body, WireFormat provider)
    {
        var request = new ChatRequest();
        // As the host does: a Responses caller's read fills a fresh info (dropped and custom tools).
        var read = RequestTranslation.Read(caller, body, request, caller == WireFormat.OpenAiResponses ? new ResponsesRequestInfo() : null);
        if (!read.IsSuccess) return read;
        _output.ResetWrittenCount();
        return RequestTranslation.Write(provider, request, _output, Options);
    }

    private FormatResult TranslateChatAnswer()
    {
        _output.ResetWrittenCount();
        return ResponseTranslation.Translate(WireFormat.OpenAiChat, _chatAnswer, WireFormat.OpenAiResponses, _output, DateTimeOffset.UnixEpoch, _responsesInfo);
    }

    private static void Require(FormatResult result, string what)
    {
        if (!result.IsSuccess) throw new InvalidOperationException($"bench setup: could not {what}");
    }
}
