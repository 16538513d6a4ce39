using System.Buffers;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Benchmarks;

/// <summary>
/// A translated chat request as <c>ForwardRequest.TranslatedBodyFor</c> does it: a fresh canonical
/// <see cref="ChatRequest"/> read from the caller's body, then written in the provider's format into a
/// reused output buffer (the host rents a pooled one). The body is Claude Code's first request
/// (~100 KB, 24 tools); the OpenAI Chat body is that request translated once in setup, so both
/// directions carry the same system prompt, tools and messages.
/// </summary>
[MemoryDiagnoser]
public class RequestTranslationBenchmarks
{
    private static readonly RequestTranslationOptions Options = new() { UpstreamModel = "bench-upstream-model" };
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private byte[] _anthropicBody = [];
    private byte[] _openAiBody = [];

    [GlobalSetup]
    public void Setup()
    {
        _anthropicBody = BenchFixtures.ClaudeCodeFirstRequest();
        var request = new ChatRequest();
        Require(RequestTranslation.Read(WireFormat.Anthropic, _anthropicBody, request), "read the Anthropic fixture");
        Require(RequestTranslation.Write(WireFormat.OpenAiChat, request, _output, RequestTranslationOptions.Default), "write it as OpenAI Chat");
        _openAiBody = _output.WrittenSpan.ToArray();
        Console.WriteLine($"// bodies: Anthropic {_anthropicBody.Length} B ({request.Tools.Count} tools), OpenAI Chat {_openAiBody.Length} B");
        // Both directions must succeed, or the benchmark would time an early refusal.
        Require(Translate(WireFormat.Anthropic, _anthropicBody, WireFormat.OpenAiChat), "Anthropic -> OpenAI Chat");
        Require(Translate(WireFormat.OpenAiChat, _openAiBody, WireFormat.Anthropic), "OpenAI Chat -> Anthropic");
    }

    [Benchmark]
    public bool AnthropicToOpenAiChat() => Translate(WireFormat.Anthropic, _anthropicBody, WireFormat.OpenAiChat).IsSuccess;

    [Benchmark]
    public bool OpenAiChatToAnthropic() => Translate(WireFormat.OpenAiChat, _openAiBody, WireFormat.Anthropic).IsSuccess;

    private FormatResult Translate(WireFormat caller, byte[] body, WireFormat provider)
    {
        var request = new ChatRequest();
        var read = RequestTranslation.Read(caller, body, request);
        if (!read.IsSuccess) return read;
        _output.ResetWrittenCount();
        return RequestTranslation.Write(provider, request, _output, Options);
    }

    private static void Require(FormatResult result, string what)
    {
        if (!result.IsSuccess) throw new InvalidOperationException($"bench setup: could not {what}");
    }
}
