using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A scripted provider that serves the OpenAI Responses API itself (SPEC §10), for the native relay: it
/// answers <c>POST …/responses</c> plain or streamed with the same turns as <see cref="FormatScripts"/>
/// (a <see cref="FormatScripts.ToolTrigger"/> prompt with tools calls the tool
/// <see cref="FormatScripts.PickTool"/> picks, with <see cref="FormatScripts.ToolInputFor"/>'s arguments; a
/// <c>function_call_output</c> input is answered <c>Tool said: &lt;output&gt;</c>). Anything else is 404.
/// </summary>
internal static class ResponsesScripts
{
    /// <summary>The response id the fake gives, so a test can tell a relayed answer from a translated one.</summary>
    public const string ResponseId = "resp_native_up1";

    public const string Usage = """{"input_tokens":13,"input_tokens_details":{"cached_tokens":3},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":22}""";

    public static async Task Native(HttpContext context)
    {
        if (!(context.Request.Path.Value ?? "").EndsWith("/responses", StringComparison.Ordinal))
        {
            await UpstreamScripts.Json(context, 404, """{"error":{"message":"no such path","type":"invalid_request_error","param":null,"code":null}}""");
            return;
        }
        var body = JsonNode.Parse((byte[])context.Items["body"]!)!.AsObject();
        var model = JsonSerializer.Serialize((string?)body["model"] ?? "unknown");
        var (tool, arguments, output) = Turn(body);
        var text = tool is not null ? "Let me look." : output is null ? FormatScripts.Text : "Tool said: " + output;
        var message = Fill("""{"type":"message","id":"msg_n1","status":"completed","role":"assistant","content":[{"type":"output_text","text":@0@,"annotations":[]}]}""", JsonSerializer.Serialize(text));
        var call = tool is null ? null : Fill("""{"type":"function_call","id":"fc_n1","call_id":"call_n1","name":@0@,"arguments":@1@,"status":"completed"}""", JsonSerializer.Serialize(tool), JsonSerializer.Serialize(arguments));
        var items = call is null ? message : message + "," + call;
        string Response(string status, string outputItems, string usage) =>
            Fill("""{"id":"@0@","object":"response","created_at":1700000000,"status":"@1@","model":@2@,"output":[@3@],"usage":@4@}""", ResponseId, status, model, outputItems, usage);

        if (!((bool?)body["stream"] ?? false))
        {
            await UpstreamScripts.Json(context, 200, Response("completed", items, Usage));
            return;
        }
        var events = new List<string>
        {
            Event("response.created", Fill("""{"type":"response.created","sequence_number":0,"response":@0@}""", Response("in_progress", "", "null"))),
            Event("response.output_item.added", """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_n1","status":"in_progress","role":"assistant","content":[]}}"""),
            Event("response.output_text.delta", Fill("""{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_n1","output_index":0,"content_index":0,"delta":@0@}""", JsonSerializer.Serialize(text))),
            Event("response.output_item.done", Fill("""{"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":@0@}""", message)),
        };
        if (call is not null)
        {
            // Clients such as Codex take the calls to run from the items' done events, not from response.completed.
            events.Add(Event("response.output_item.added", Fill("""{"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":@0@}""", call.Replace("\"completed\"", "\"in_progress\"", StringComparison.Ordinal))));
            events.Add(Event("response.output_item.done", Fill("""{"type":"response.output_item.done","sequence_number":5,"output_index":1,"item":@0@}""", call)));
        }
        events.Add(Event("response.completed", Fill("""{"type":"response.completed","sequence_number":@0@,"response":@1@}""", events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Response("completed", items, Usage))));
        await UpstreamScripts.Sse(context, events, TimeSpan.Zero);
    }

    /// <summary>(tool to call and its arguments, or nulls; the last function_call_output, or null) for a Responses body.</summary>
    private static (string? Tool, string? Arguments, string? Output) Turn(JsonObject body)
    {
        var input = body["input"];
        if (input is JsonArray items && (string?)items.LastOrDefault()?["type"] == "function_call_output")
        {
            return (null, null, OutputText(items[^1]!["output"]));
        }
        var text = input is JsonValue v ? (string?)v : LastUserText(input as JsonArray ?? []);
        var tools = body["tools"] as JsonArray;
        if (text?.Contains(FormatScripts.ToolTrigger, StringComparison.Ordinal) != true || tools is not { Count: > 0 })
        {
            return (null, null, null);
        }
        var tool = FormatScripts.PickTool(tools.Select(t => (string?)t?["name"]));
        return (tool, FormatScripts.ToolInputFor(text, tool), null);
    }

    /// <summary>The text of the last user message item (Codex sends its context as earlier user and developer items).</summary>
    private static string? LastUserText(JsonArray items)
    {
        var last = items.LastOrDefault(i => (string?)i?["role"] == "user");
        return last?["content"] switch
        {
            JsonValue text => (string?)text,
            JsonArray parts => string.Join(" ", parts.Select(p => (string?)p?["text"])),
            _ => null,
        };
    }

    /// <summary>A function_call_output's output: a string, or content parts whose texts are joined.</summary>
    private static string? OutputText(JsonNode? output) => output switch
    {
        JsonValue text => (string?)text,
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"])),
        _ => null,
    };

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace("@" + i + "@", values[i], StringComparison.Ordinal);
        return template;
    }
}
