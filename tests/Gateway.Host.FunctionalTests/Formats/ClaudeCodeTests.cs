using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// The real Claude Code CLI (npm <c>@anthropic-ai/claude-code</c>) through the in-process gateway
/// (SPEC §9): <c>POST /v1/messages</c> to the scripted Anthropic fake (<c>--model claude</c>, relayed)
/// and to the scripted OpenAI fake (<c>--model gpt</c>, translated), a plain turn and a tool turn that
/// really runs Claude Code's <c>Read</c> tool on a file written here. The CLI comes from
/// <see cref="ClaudeCode.BinVariable"/> (set by .ci/run) or PATH.
/// </summary>
public sealed class ClaudeCodeTests(ClaudeCodeTests.ReadableFile file) : IClassFixture<ClaudeCodeTests.ReadableFile>
{
    /// <summary>What the file holds; the fake's answer quotes the tool result, so the text proves Read ran.</summary>
    private const string FileContent = "gateway-read-canary-7f3a";

    private string FilePath => file.Path;

    [Theory]
    [InlineData("claude", "/anth/v1/messages")]
    [InlineData("gpt", "/oai/v1/chat/completions")]
    public async Task X7_ClaudeCode_PlainTurn_ThroughTheGateway(string model, string upstreamPath)
    {
        var cli = ClaudeCode.Locate();
        if (cli is null) return; // not installable on this machine: ClaudeCode.Locate printed why
        var ingress = new IngressRecorder();
        await using var h = await FormatScenario.StartAsync(ingress.Register);

        var run = await ClaudeCode.RunAsync(cli, h.Address, model, "Say hello", allowedTools: null, workingDirectory: System.IO.Path.GetDirectoryName(FilePath)!);

        Assert.Equal(FormatScripts.Text, run.ResultText);
        AssertWentThroughTheGateway(h, ingress, upstreamPath);
    }

    [Theory]
    [InlineData("claude", "/anth/v1/messages")]
    [InlineData("gpt", "/oai/v1/chat/completions")]
    public async Task X7_ClaudeCode_ToolTurn_RunsReadThroughTheGateway(string model, string upstreamPath)
    {
        var cli = ClaudeCode.Locate();
        if (cli is null) return;
        var ingress = new IngressRecorder();
        await using var h = await FormatScenario.StartAsync(ingress.Register);

        var run = await ClaudeCode.RunAsync(cli, h.Address, model, FormatScripts.ReadPrefix + FilePath, allowedTools: "Read", workingDirectory: System.IO.Path.GetDirectoryName(FilePath)!);

        // "Tool said: <Read's output>": Claude Code ran Read on our file and sent the result back.
        Assert.StartsWith("Tool said:", run.ResultText, StringComparison.Ordinal);
        Assert.Contains(FileContent, run.ResultText, StringComparison.Ordinal);
        AssertWentThroughTheGateway(h, ingress, upstreamPath);
        // The second round trip carried the tool result in the upstream's own format.
        var toolResultMarker = model == "claude" ? "\"tool_result\"" : "\"role\":\"tool\"";
        Assert.Contains(h.Upstream.Requests, r => r.Path == upstreamPath && r.BodyText.Contains(toolResultMarker, StringComparison.Ordinal));
    }

    private static void AssertWentThroughTheGateway(GatewayHarness h, IngressRecorder ingress, string upstreamPath)
    {
        // What Claude Code sent the gateway (its Messages endpoint, with or without ?beta=true), and where
        // the gateway sent it on.
        Assert.Contains(ingress.Requests, r => r is "POST /v1/messages" or "POST /v1/messages?beta=true");
        Assert.Contains(h.Upstream.Requests, r => r.Method == "POST" && r.Path == upstreamPath);
    }

    /// <summary>The file the tool turn reads, in its own temp dir (the CLI's working directory), removed afterwards.</summary>
    public sealed class ReadableFile : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("gateway-claude-code-file-").FullName;

        public ReadableFile()
        {
            Path = System.IO.Path.Combine(_dir, "note.txt");
            File.WriteAllText(Path, FileContent + "\n");
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
