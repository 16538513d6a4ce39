namespace Gateway.Bench.FakeProvider;

/// <summary>
/// The fake provider's <c>POST /v1/messages</c> answers in Anthropic's format: a fixed message, or a
/// stream of the same shape as the chat one (N text deltas, <c>interval_ms</c> apart). Pre-encoded bytes,
/// so the provider costs the same for both formats and the bench rows compare the proxy.
/// </summary>
internal static class AnthropicAnswers
{
    public static readonly byte[] MessageJson =
        """{"id":"msg_bench0001","type":"message","role":"assistant","model":"claude-bench","content":[{"type":"text","text":"Hello from the fake provider."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":7}}"""u8.ToArray();

    // The first write carries message_start and the opened text block: what a real upstream sends
    // before its first token, and what the gateway needs before it can emit the caller's first event.
    private static readonly byte[] Opening =
        ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench0001\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
         + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
         + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi \"}}\n\n"
        ).Select(c => (byte)c).ToArray();

    private static readonly byte[] DeltaEvent =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi \"}}\n\n"u8.ToArray();

    private static readonly byte[] Closing =
        ("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
         + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n"
         + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        ).Select(c => (byte)c).ToArray();

    public static async Task WriteSseAsync(HttpContext context, int events, int intervalMs)
    {
        var writer = FakeHandler.StartSse(context);
        var aborted = context.RequestAborted;
        for (var i = 0; i < events; i++)
        {
            // As in the chat stream: the first text delta goes out at once, the rest interval_ms apart.
            if (i > 0 && intervalMs > 0) await Task.Delay(intervalMs, aborted);
            var result = await writer.WriteAsync(i == 0 ? Opening : DeltaEvent, aborted);
            if (result.IsCanceled || result.IsCompleted) return;
        }
        await writer.WriteAsync(Closing, aborted);
    }
}
