using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 14: a Responses request read into the canonical model and written for Chat and Anthropic providers.</summary>
public sealed class ResponsesRequestTests
{
    /// <summary>
    /// Shaped like Codex's tool turn (hand-built from its documented wire, not recorded): no
    /// <c>instructions</c>, the system prompt as a developer item, store false, encrypted reasoning
    /// asked for, function/custom/web_search/client tools, and earlier calls with their outputs.
    /// </summary>
    private const string CodexToolTurn = """
    {"model":"gpt-5-codex","instructions":null,
     "input":[
      {"type":"message","role":"developer","content":[{"type":"input_text","text":"You are Codex, a coding agent."}]},
      {"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>cwd=/repo</environment_context>"}]},
      {"type":"message","role":"user","content":[{"type":"input_text","text":"List the files, then add a README."}]},
      {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"I should run ls."}],"content":null,"encrypted_content":"gAAAAABopaque=="},
      {"type":"function_call","id":"fc_1","name":"exec_command","arguments":"{\"cmd\":\"ls\"}","call_id":"call_1"},
      {"type":"function_call_output","call_id":"call_1","output":"a.txt\nb.txt"},
      {"type":"custom_tool_call","id":"ctc_1","status":"completed","call_id":"call_2","name":"apply_patch","input":"*** Begin Patch\n*** Add File: README\n+hi\n*** End Patch"},
      {"type":"custom_tool_call_output","call_id":"call_2","output":"Done!"},
      {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Added README."}]}
     ],
     "tools":[
      {"type":"function","name":"exec_command","description":"Runs a command.","strict":false,"parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},
      {"type":"custom","name":"apply_patch","description":"Edit files with a patch.","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch hunk+ end_patch\nbegin_patch: \"*** Begin Patch\" LF"}},
      {"type":"web_search","external_web_access":false},
      {"type":"tool_search","execution":"client","description":"Finds more tools.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}
     ],
     "tool_choice":"auto","parallel_tool_calls":false,
     "reasoning":{"effort":"medium","summary":"auto"},
     "store":false,"stream":true,"include":["reasoning.encrypted_content"],
     "prompt_cache_key":"0199a0b1-c2d3"}
    """;

    private static (FormatResult Result, ChatRequest Request, ResponsesRequestInfo Info) Read(string json)
    {
        var request = new ChatRequest();
        var info = new ResponsesRequestInfo();
        var result = ResponsesRequestReader.Read(Encoding.UTF8.GetBytes(json), request, info);
        return (result, request, info);
    }

    private static JsonElement WriteFor(WireFormat provider, ChatRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var result = provider == WireFormat.Anthropic
                ? AnthropicRequestWriter.Write(request, writer, RequestTranslationOptions.Default)
                : OpenAiChatRequestWriter.Write(request, writer, RequestTranslationOptions.Default);
            Assert.True(result.IsSuccess, result.Message);
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    [Fact]
    public void X1_CodexToolTurn_ReadsItemsToolsAndOptions()
    {
        var (result, request, info) = Read(CodexToolTurn);
        Assert.True(result.IsSuccess, result.Message);

        Assert.Equal("gpt-5-codex", request.Model.ToString());
        Assert.Equal(
            [ChatRole.System, ChatRole.User, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant],
            request.Messages.Select(m => m.Role));
        Assert.Equal("You are Codex, a coding agent.", ((TextContent)request.Messages[0].Contents[0]).Text.ToString());
        // The reasoning item is dropped: only the call is in the assistant turn.
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(request.Messages[3].Contents));
        Assert.Equal("call_1", call.CallId.ToString());
        Assert.Equal("{\"cmd\":\"ls\"}", call.ArgumentsString.ToString());
        var output = Assert.IsType<FunctionResultContent>(Assert.Single(request.Messages[4].Contents));
        Assert.Equal("a.txt\nb.txt", ((TextContent)output.Result[0]).Text.ToString());
        var patch = Assert.IsType<FunctionCallContent>(Assert.Single(request.Messages[5].Contents));
        Assert.Equal("apply_patch", patch.Name.ToString());
        Assert.Equal("*** Begin Patch\n*** Add File: README\n+hi\n*** End Patch",
            JsonDocument.Parse(patch.Arguments.Utf8).RootElement.GetProperty("input").GetString());

        Assert.Equal(["exec_command", "apply_patch", "tool_search"], request.Tools.Select(t => t.Name.ToString()));
        Assert.Equal(["web_search"], info.DroppedTools);
        Assert.True(info.IsCustomTool(JsonText.FromString("apply_patch")));
        Assert.False(info.IsCustomTool(JsonText.FromString("exec_command")));
        var applyPatch = request.Tools[1];
        Assert.StartsWith("Edit files with a patch.\n\n", applyPatch.Description.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("lark):\nstart: begin_patch hunk+ end_patch\nbegin_patch: \"*** Begin Patch\" LF", applyPatch.Description.ToString(), StringComparison.Ordinal);
        var schema = JsonDocument.Parse(applyPatch.ParametersSchema.Utf8).RootElement;
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("input").GetProperty("type").GetString());
        Assert.Equal("query", JsonDocument.Parse(request.Tools[2].ParametersSchema.Utf8).RootElement.GetProperty("required")[0].GetString());

        Assert.Equal(ToolChoiceMode.Auto, request.ToolChoice.Mode);
        Assert.False(request.AllowParallelToolCalls);
        Assert.Equal(ReasoningEffort.Medium, request.Reasoning.Effort);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Fact]
    public void X1_CodexToolTurn_ToAnthropic_KeepsCallsPairedAndCustomInputAsObject()
    {
        var (result, request, _) = Read(CodexToolTurn);
        Assert.True(result.IsSuccess, result.Message);
        var root = WriteFor(WireFormat.Anthropic, request);

        Assert.Equal("You are Codex, a coding agent.", root.GetProperty("system")[0].GetProperty("text").GetString());
        var messages = root.GetProperty("messages");
        var toolUses = messages.EnumerateArray().SelectMany(m => m.GetProperty("content").ValueKind == JsonValueKind.Array ? m.GetProperty("content").EnumerateArray() : [])
            .Where(b => b.GetProperty("type").GetString() == "tool_use").ToList();
        Assert.Equal(["call_1", "call_2"], toolUses.Select(b => b.GetProperty("id").GetString()));
        Assert.Equal("ls", toolUses[0].GetProperty("input").GetProperty("cmd").GetString());
        Assert.StartsWith("*** Begin Patch", toolUses[1].GetProperty("input").GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.Equal(["exec_command", "apply_patch", "tool_search"], root.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public void X1_CodexToolTurn_ToOpenAiChat_DeveloperBecomesSystemAndOutputsToolMessages()
    {
        var (result, request, _) = Read(CodexToolTurn);
        Assert.True(result.IsSuccess, result.Message);
        var root = WriteFor(WireFormat.OpenAiChat, request);

        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "user", "assistant", "tool", "assistant", "tool", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("call_2", messages[6].GetProperty("tool_call_id").GetString());
        var patchArguments = messages[5].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!;
        Assert.StartsWith("*** Begin Patch", JsonDocument.Parse(patchArguments).RootElement.GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.False(root.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void X1_StringInputInstructionsAndJsonSchema_AreRead()
    {
        var (result, request, info) = Read("""
        {"input":"Hi","model":"m","instructions":"Be brief.","max_output_tokens":300,"temperature":0.2,
         "text":{"format":{"type":"json_schema","name":"answer","strict":true,"schema":{"type":"object"}},"verbosity":"low"}}
        """);
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([ChatRole.System, ChatRole.User], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", ((TextContent)request.Messages[0].Contents[0]).Text.ToString());
        Assert.Equal("Hi", ((TextContent)request.Messages[1].Contents[0]).Text.ToString());
        Assert.Equal(300, request.MaxOutputTokens);
        Assert.Equal(0.2, request.Temperature);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat.Kind);
        Assert.Equal("answer", request.ResponseFormat.Name.ToString());
        Assert.True(request.ResponseFormat.Strict);
        Assert.False(request.Stream);
        Assert.Empty(info.DroppedTools);
    }

    [Fact]
    public void X1_ImagesAsUrlAndDataUrl_BecomeUriAndDataContent()
    {
        var (result, request, _) = Read("""
        {"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"What is this?"},
          {"type":"input_image","image_url":"https://example.test/cat.png","detail":"high"},
          {"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo="}]}]}
        """);
        Assert.True(result.IsSuccess, result.Message);
        var contents = Assert.Single(request.Messages).Contents;
        Assert.IsType<TextContent>(contents[0]);
        Assert.Equal("https://example.test/cat.png", Assert.IsType<UriContent>(contents[1]).Uri.ToString());
        Assert.Equal("image/png", Assert.IsType<DataContent>(contents[2]).MediaType);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"Hi","previous_response_id":"resp_123"}""", "previous_response_id", "stateless")]
    [InlineData("""{"model":"m","input":"Hi","conversation":"conv_1"}""", "conversation", "stateless")]
    [InlineData("""{"model":"m","input":"Hi","tools":[{"type":"web_search"}],"tool_choice":{"type":"web_search"}}""", "tool_choice", "hosted tool 'web_search'")]
    [InlineData("""{"model":"m","input":[{"type":"item_reference","id":"msg_1"}]}""", "input[0]", "stateless")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]}""", "input[0].content[0]", "input_text")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]}""", "input[0].content[0]", "file_id")]
    [InlineData("""{"model":"m","input":[{"type":"local_shell_call","call_id":"c"}]}""", "input[0]", "local_shell_call")]
    public void X1_WhatATranslatedRouteCannotHonour_IsRefusedByName(string body, string param, string why)
    {
        var (result, _, _) = Read(body);
        Assert.Equal(FormatError.UnsupportedParameter, result.Error);
        Assert.Equal(param, result.Param);
        Assert.Contains(why, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":"Hi"}""", "model")]
    [InlineData("""{"model":"m","input":42}""", "input")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","name":"f"}]}""", "input[0]")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","output":"x"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":[{"type":"message","content":"x"}]}""", "input[0].role")]
    [InlineData("""{"model":"m","input":"Hi","tools":[{"type":"function"}]}""", "tools[0].name")]
    [InlineData("""{"model":"m","input":"Hi","max_output_tokens":0}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"Hi","text":{"format":{"type":"json_schema","name":"x"}}}""", "text.format.schema")]
    [InlineData("""{"model":"m","input":"Hi",""", "body")]
    public void X1_InvalidResponsesBodies_AreInvalidRequests(string body, string param)
    {
        var (result, _, _) = Read(body);
        Assert.Equal(FormatError.InvalidRequest, result.Error);
        Assert.Equal(param, result.Param);
    }

    [Fact]
    public void X1_ForcedFunctionOrCustomTool_IsAFunctionChoice()
    {
        var (result, request, _) = Read("""{"model":"m","input":"Hi","tool_choice":{"type":"custom","name":"apply_patch"}}""");
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(ToolChoiceMode.Function, request.ToolChoice.Mode);
        Assert.Equal("apply_patch", request.ToolChoice.FunctionName.ToString());
    }
}
