using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Scripted fake providers of both wire formats for the translation tests (SPEC §9). Each answers a chat
/// request in its own format, plain or streamed, and plays a tool turn: when the last user message
/// contains <see cref="ToolTrigger"/> and tools are offered, it calls one of <see cref="PreferredTools"/> when offered
/// (Claude Code and Codex offer a dozen tools each) or else the first offered tool, with <see cref="ToolInput"/> (or the file a <see cref="ReadPrefix"/> prompt names); when the last message carries a tool result, it answers
/// <c>Tool said: &lt;result&gt;</c>. Anything else is answered <see cref="Text"/>.
/// </summary>
internal static class FormatScripts
{
    public const string ToolTrigger = "TOOLTURN";
    public const string Text = "Hello from upstream";

    /// <summary>
    /// The tools a tool turn calls when offered, first match wins: Claude Code's file reader, then Codex's
    /// shell (it has no file reader; a <see cref="ReadPrefix"/> turn makes it <c>cat</c> the file).
    /// </summary>
    public static readonly string[] PreferredTools = ["Read", ShellTool];

    /// <summary>Codex's shell tool; it takes the command line as <c>cmd</c>.</summary>
    public const string ShellTool = "exec_command";

    /// <summary>The tool input both fakes send (a Claude Code <c>Read</c> takes <c>file_path</c>), unless the prompt names a file.</summary>
    public const string ToolInput = """{"file_path":"/tmp/none.txt"}""";

    /// <summary>
    /// A streamed OpenAI turn whose last user message contains this calls the first offered tool twice in
    /// parallel, <see cref="ParallelInputs"/>, with the argument pieces of the two calls interleaved by index
    /// (0, 1, 0, 1, …) as several OpenAI-compatible servers send them.
    /// </summary>
    public const string InterleavedTrigger = "INTERLEAVEDTURN";

    public static readonly string[] ParallelInputs = ["""{"file_path":"/tmp/a.txt"}""", """{"file_path":"/tmp/b.txt"}"""];

    /// <summary>A prompt <c>TOOLTURN: read /some/file</c> makes the tool input name that file (the Claude Code test reads a real one).</summary>
    public const string ReadPrefix = ToolTrigger + ": read ";

    /// <summary>The arguments a tool turn sends <paramref name="tool"/>: the file a <see cref="ReadPrefix"/> prompt names, in that tool's shape, else <see cref="ToolInput"/>.</summary>
    internal static string ToolInputFor(string text, string? tool)
    {
        var at = text.IndexOf(ReadPrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return ToolInput;
        }
        var path = text[(at + ReadPrefix.Length)..].Split((char[])[' ', '\n', '\r', '\t'], 2)[0];
        return tool == ShellTool
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["cmd"] = "cat " + path })
            : JsonSerializer.Serialize(new Dictionary<string, string> { ["file_path"] = path });
    }

    // ---- Anthropic Messages ---------------------------------------------------------------------

    public static async Task Anthropic(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var body = JsonNode.Parse((byte[])context.Items["body"]!)!.AsObject();
        var model = (string?)body["model"] ?? "unknown";
        if (path.EndsWith("/messages/count_tokens", StringComparison.Ordinal))
        {
            await UpstreamScripts.Json(context, 200, """{"input_tokens":42}""");
            return;
        }
        if (!path.EndsWith("/messages", StringComparison.Ordinal))
        {
            await UpstreamScripts.Json(context, 404, """{"type":"error","error":{"type":"not_found_error","message":"no such path"}}""");
            return;
        }
        var (toolName, toolInput, toolResult) = AnthropicTurn(body);
        var stream = (bool?)body["stream"] ?? false;
        if (!stream)
        {
            var content = toolName is not null
                ? Fill("""[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_01","name":@0@,"input":@1@}]""", JsonSerializer.Serialize(toolName), toolInput!)
                : Fill("""[{"type":"text","text":@0@}]""", JsonSerializer.Serialize(toolResult is null ? Text : "Tool said: " + toolResult));
            var stop = toolName is not null ? "tool_use" : "end_turn";
            await UpstreamScripts.Json(context, 200,
                Fill("""{"id":"msg_up1","type":"message","role":"assistant","model":@0@,"content":@1@,"stop_reason":"@2@","stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":7,"cache_read_input_tokens":5}}""", JsonSerializer.Serialize(model), content, stop));
            return;
        }
        var events = new List<string>
        {
            Event("message_start", Fill("""{"type":"message_start","message":{"id":"msg_up1","type":"message","role":"assistant","model":@0@,"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1,"cache_read_input_tokens":5}}}""", JsonSerializer.Serialize(model))),
            Event("ping", """{"type":"ping"}"""),
        };
        var text = toolName is not null ? "Let me look." : toolResult is null ? Text : "Tool said: " + toolResult;
        events.Add(Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
        foreach (var piece in Pieces(text))
        {
            events.Add(Event("content_block_delta", Fill("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":@0@}}""", JsonSerializer.Serialize(piece))));
        }
        events.Add(Event("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        if (toolName is not null)
        {
            events.Add(Event("content_block_start", Fill("""{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":@0@,"input":{}}}""", JsonSerializer.Serialize(toolName))));
            foreach (var piece in Pieces(toolInput!))
            {
                events.Add(Event("content_block_delta", Fill("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":@0@}}""", JsonSerializer.Serialize(piece))));
            }
            events.Add(Event("content_block_stop", """{"type":"content_block_stop","index":1}"""));
        }
        var reason = toolName is not null ? "tool_use" : "end_turn";
        events.Add(Event("message_delta", Fill("""{"type":"message_delta","delta":{"stop_reason":"@0@","stop_sequence":null},"usage":{"output_tokens":7}}""", reason)));
        events.Add(Event("message_stop", """{"type":"message_stop"}"""));
        await UpstreamScripts.Sse(context, events, TimeSpan.Zero);
    }

    /// <summary>(tool to call, or null; the last tool result's text, or null) for an Anthropic body.</summary>
    private static (string? Tool, string? Input, string? Result) AnthropicTurn(JsonObject body)
    {
        var messages = body["messages"]?.AsArray() ?? [];
        var last = messages.LastOrDefault(m => (string?)m?["role"] == "user");
        if (last?["content"] is JsonArray blocks)
        {
            var result = blocks.LastOrDefault(b => (string?)b?["type"] == "tool_result");
            if (result is not null)
            {
                return (null, null, ResultText(result["content"]));
            }
        }
        var text = last?["content"] is JsonValue v ? (string?)v : string.Join(" ", (last?["content"] as JsonArray ?? []).Select(b => (string?)b?["text"]));
        var tools = body["tools"] as JsonArray;
        return text?.Contains(ToolTrigger, StringComparison.Ordinal) == true && tools is { Count: > 0 }
            ? WithInput(PickTool(tools.Select(t => (string?)t?["name"])), text)
            : (null, null, null);
    }

    private static string ResultText(JsonNode? content) => content switch
    {
        JsonValue v => Cut((string?)v ?? ""),
        JsonArray a => Cut(string.Concat(a.Select(b => (string?)b?["text"]))),
        _ => "",
    };

    // ---- OpenAI Chat Completions ----------------------------------------------------------------

    public static async Task OpenAi(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await UpstreamScripts.Json(context, 404, """{"error":{"message":"no such path","type":"invalid_request_error","param":null,"code":null}}""");
            return;
        }
        var body = JsonNode.Parse((byte[])context.Items["body"]!)!.AsObject();
        var model = (string?)body["model"] ?? "unknown";
        var (toolName, toolInput, toolResult) = OpenAiTurn(body);
        var text = toolName is not null ? "Let me look." : toolResult is null ? Text : "Tool said: " + toolResult;
        var stream = (bool?)body["stream"] ?? false;
        if (!stream)
        {
            var toolCalls = toolName is not null
                ? Fill(""","tool_calls":[{"id":"call_01","type":"function","function":{"name":@0@,"arguments":@1@}}]""", JsonSerializer.Serialize(toolName), JsonSerializer.Serialize(toolInput))
                : "";
            var finish = toolName is not null ? "tool_calls" : "stop";
            await UpstreamScripts.Json(context, 200,
                Fill("""{"id":"chatcmpl-up1","object":"chat.completion","created":1700000000,"model":@0@,"choices":[{"index":0,"message":{"role":"assistant","content":@1@@2@},"finish_reason":"@3@"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":5}}}""", JsonSerializer.Serialize(model), JsonSerializer.Serialize(text), toolCalls, finish));
            return;
        }
        var events = new List<string>();
        string Chunk(string delta, string finish = "null") =>
            "data: " + Fill("""{"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1700000000,"model":@0@,"choices":[{"index":0,"delta":@1@,"finish_reason":@2@}]}""", JsonSerializer.Serialize(model), delta, finish) + "\n\n";
        if (InterleavedTool(body) is { } parallelTool)
        {
            // Both calls start before either's arguments, then their pieces alternate.
            for (var call = 0; call < ParallelInputs.Length; call++)
            {
                events.Add(Chunk(Fill("""{"tool_calls":[{"index":@0@,"id":"call_0@1@","type":"function","function":{"name":@2@,"arguments":""}}]}""", call.ToString(System.Globalization.CultureInfo.InvariantCulture), (call + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(parallelTool))));
            }
            var pieces = ParallelInputs.Select(i => Pieces(i).ToList()).ToList();
            for (var at = 0; at < pieces.Max(p => p.Count); at++)
            {
                for (var call = 0; call < pieces.Count; call++)
                {
                    if (at >= pieces[call].Count) continue;
                    events.Add(Chunk(Fill("""{"tool_calls":[{"index":@0@,"function":{"arguments":@1@}}]}""", call.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(pieces[call][at]))));
                }
            }
            events.Add(Chunk("{}", "\"tool_calls\""));
            events.Add("data: [DONE]\n\n");
            await UpstreamScripts.Sse(context, events, TimeSpan.Zero);
            return;
        }
        events.Add(Chunk("""{"role":"assistant","content":""}"""));
        foreach (var piece in Pieces(text))
        {
            events.Add(Chunk(Fill("""{"content":@0@}""", JsonSerializer.Serialize(piece))));
        }
        if (toolName is not null)
        {
            events.Add(Chunk(Fill("""{"tool_calls":[{"index":0,"id":"call_01","type":"function","function":{"name":@0@,"arguments":""}}]}""", JsonSerializer.Serialize(toolName))));
            foreach (var piece in Pieces(toolInput!))
            {
                events.Add(Chunk(Fill("""{"tool_calls":[{"index":0,"function":{"arguments":@0@}}]}""", JsonSerializer.Serialize(piece))));
            }
        }
        events.Add(Chunk("{}", toolName is not null ? "\"tool_calls\"" : "\"stop\""));
        if ((bool?)body["stream_options"]?["include_usage"] == true)
        {
            events.Add("data: " + Fill("""{"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1700000000,"model":@0@,"choices":[],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":5}}}""", JsonSerializer.Serialize(model)) + "\n\n");
        }
        events.Add("data: [DONE]\n\n");
        await UpstreamScripts.Sse(context, events, TimeSpan.Zero);
    }

    private static (string? Tool, string? Input, string? Result) OpenAiTurn(JsonObject body)
    {
        var messages = body["messages"]?.AsArray() ?? [];
        var last = messages.LastOrDefault();
        if ((string?)last?["role"] == "tool")
        {
            return (null, null, ResultText(last!["content"]));
        }
        var lastUser = messages.LastOrDefault(m => (string?)m?["role"] == "user");
        var text = lastUser?["content"] is JsonValue v ? (string?)v : string.Join(" ", (lastUser?["content"] as JsonArray ?? []).Select(b => (string?)b?["text"]));
        var tools = body["tools"] as JsonArray;
        return text?.Contains(ToolTrigger, StringComparison.Ordinal) == true && tools is { Count: > 0 }
            ? WithInput(PickTool(tools.Select(t => (string?)t?["function"]?["name"])), text)
            : (null, null, null);
    }

    /// <summary>The tool an <see cref="InterleavedTrigger"/> turn calls twice, or null for any other turn.</summary>
    private static string? InterleavedTool(JsonObject body)
    {
        var lastUser = (body["messages"]?.AsArray() ?? []).LastOrDefault(m => (string?)m?["role"] == "user");
        var text = lastUser?["content"] is JsonValue v ? (string?)v : string.Join(" ", (lastUser?["content"] as JsonArray ?? []).Select(b => (string?)b?["text"]));
        return text?.Contains(InterleavedTrigger, StringComparison.Ordinal) == true && body["tools"] is JsonArray { Count: > 0 } tools
            ? PickTool(tools.Select(t => (string?)t?["function"]?["name"]))
            : null;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    internal static string? PickTool(IEnumerable<string?> offered)
    {
        var names = offered.ToList();
        return PreferredTools.FirstOrDefault(names.Contains) ?? names[0];
    }

    private static (string? Tool, string? Input, string? Result) WithInput(string? tool, string text) => (tool, ToolInputFor(text, tool), null);

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    /// <summary>Splits text into a few pieces so streams carry several deltas.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var size = Math.Max(1, (text.Length + 2) / 3);
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    /// <summary>Puts values into a JSON template at <c>@0@</c>, <c>@1@</c>, … (JSON's braces make interpolation unreadable).</summary>
    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace("@" + i + "@", values[i], StringComparison.Ordinal);
        return template;
    }

    /// <summary>Keeps answers short but whole for the real clients: Codex puts a ~90-character header (chunk id, wall time, exit code) before a command's output.</summary>
    private static string Cut(string text) => text.Length > 200 ? text[..200] : text;
}
