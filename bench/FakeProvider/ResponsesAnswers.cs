using System.Globalization;
using System.Text;

namespace Gateway.Bench.FakeProvider;

/// <summary>
/// The fake provider's native <c>POST /v1/responses</c> answers (OpenAI's Responses API): a fixed
/// <c>response</c> object of the chat answer's size, or the Responses event stream of the same shape as
/// the other streams (N text deltas, <c>interval_ms</c> apart). Every event carries its
/// <c>sequence_number</c> and the closing events repeat the whole text, so the bytes depend on N: they
/// are encoded once per event count (at start-up for the default count) and then only written.
/// </summary>
internal sealed class ResponsesAnswers(int defaultEvents)
{
    public static readonly byte[] ResponseJson =
        """{"id":"resp_bench0001","object":"response","created_at":1700000000,"status":"completed","model":"gpt-bench","output":[{"id":"msg_bench0001","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello from the fake provider.","annotations":[]}]}],"usage":{"input_tokens":12,"output_tokens":7,"total_tokens":19}}"""u8.ToArray();

    private const string Delta = "hi ";
    private const string ItemHead = "'item_id':'msg_bench0001','output_index':0,'content_index':0";

    private readonly EncodedStream _default = EncodedStream.For(defaultEvents);

    public async Task WriteSseAsync(HttpContext context, int events, int intervalMs)
    {
        // Only a ?sse=N that differs from the default pays for encoding its events (never in run.sh's rows).
        var stream = events == _default.Deltas.Length ? _default : EncodedStream.For(events);
        var writer = FakeHandler.StartSse(context);
        var aborted = context.RequestAborted;
        for (var i = 0; i < stream.Deltas.Length; i++)
        {
            // As in the chat stream: the first text delta goes out at once (with the opening events),
            // the rest interval_ms apart.
            if (i > 0 && intervalMs > 0) await Task.Delay(intervalMs, aborted);
            var result = await writer.WriteAsync(i == 0 ? stream.Opening : stream.Deltas[i], aborted);
            if (result.IsCanceled || result.IsCompleted) return;
        }
        await writer.WriteAsync(stream.Closing, aborted);
    }

    /// <summary>
    /// One stream's bytes: <see cref="Opening"/> is <c>response.created</c>, <c>response.in_progress</c>,
    /// <c>response.output_item.added</c>, <c>response.content_part.added</c> and the first
    /// <c>response.output_text.delta</c>; <see cref="Deltas"/>[i] the (i+1)-th delta (index 0 is in the
    /// opening); <see cref="Closing"/> the <c>.done</c> events and <c>response.completed</c> with usage.
    /// </summary>
    private sealed record EncodedStream(byte[] Opening, byte[][] Deltas, byte[] Closing)
    {
        public static EncodedStream For(int events)
        {
            events = Math.Max(events, 1);
            var text = string.Concat(Enumerable.Repeat(Delta, events));
            // Templates in single quotes (none of the texts has one) read better than escaped quotes.
            var response = "'id':'resp_bench0001','object':'response','created_at':1700000000,'model':'gpt-bench'";
            var message = $"{{'id':'msg_bench0001','type':'message','status':'completed','role':'assistant','content':[{{'type':'output_text','text':'{text}','annotations':[]}}]}}";
            var opening = Event("response.created", 0, $"'response':{{{response},'status':'in_progress','output':[],'usage':null}}")
                + Event("response.in_progress", 1, $"'response':{{{response},'status':'in_progress','output':[],'usage':null}}")
                + Event("response.output_item.added", 2, "'output_index':0,'item':{'id':'msg_bench0001','type':'message','status':'in_progress','role':'assistant','content':[]}")
                + Event("response.content_part.added", 3, ItemHead + ",'part':{'type':'output_text','text':'','annotations':[]}");
            const int firstDelta = 4;
            var deltas = new byte[events][];
            for (var i = 0; i < events; i++)
                deltas[i] = Encoding.UTF8.GetBytes(Event("response.output_text.delta", firstDelta + i, ItemHead + $",'delta':'{Delta}'"));
            var next = firstDelta + events;
            var closing = Event("response.output_text.done", next, ItemHead + $",'text':'{text}'")
                + Event("response.content_part.done", next + 1, ItemHead + $",'part':{{'type':'output_text','text':'{text}','annotations':[]}}")
                + Event("response.output_item.done", next + 2, $"'output_index':0,'item':{message}")
                + Event("response.completed", next + 3,
                    $"'response':{{{response},'status':'completed','output':[{message}],'usage':{{'input_tokens':12,'output_tokens':{events},'total_tokens':{12 + events}}}}}");
            return new EncodedStream(Concat(Encoding.UTF8.GetBytes(opening), deltas[0]), deltas, Encoding.UTF8.GetBytes(closing));
        }

        private static string Event(string type, int sequence, string fields) =>
            string.Create(CultureInfo.InvariantCulture, $"event: {type}\ndata: {{'type':'{type}','sequence_number':{sequence},{fields}}}\n\n").Replace('\'', '"');

        private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
    }
}
