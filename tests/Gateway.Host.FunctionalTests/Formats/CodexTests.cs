using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// The real Codex CLI (npm <c>@openai/codex</c>) through the in-process gateway (SPEC §10): <c>POST
/// /v1/responses</c> relayed to the native Responses fake, and translated to the chat-only fake and to the
/// Anthropic fake; a plain turn and a tool turn in which Codex really runs its shell tool
/// (<c>exec_command</c>, <c>cat</c> of a file written here) and sends the output back. The CLI comes from
/// <see cref="Codex.BinVariable"/> (set by .ci/run) or PATH.
/// </summary>
public sealed class CodexTests(CodexTests.ReadableFile file) : IClassFixture<CodexTests.ReadableFile>
{
    /// <summary>What the file holds; the fake's answer quotes the tool output, so the text proves the command ran.</summary>
    private const string FileContent = "gateway-codex-canary-5c1e";

    /// <summary>ResponsesScenario's targets, and where each one's upstream request lands.</summary>
    public static TheoryData<string, string> Upstreams => new()
    {
        { "native", "/oai/v1/responses" },
        { "chat", "/chat/v1/chat/completions" },
        { "claude", "/anth/v1/messages" },
    };

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task X8_Codex_PlainTurn_ThroughTheGateway(string target, string upstreamPath)
    {
        var cli = Codex.Locate();
        if (cli is null) return; // not installable on this machine: Codex.Locate printed why
        var ingress = new IngressRecorder();
        await using var h = await ResponsesScenario.StartAsync(RoutedTo(target), ingress.Register);

        var run = await Codex.RunAsync(cli, h.Address, "Say hello", file.Directory);

        Assert.Equal(FormatScripts.Text, run.FinalText);
        AssertWentThroughTheGateway(h, ingress, upstreamPath);
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task X8_Codex_ToolTurn_RunsExecCommandThroughTheGateway(string target, string upstreamPath)
    {
        var cli = Codex.Locate();
        if (cli is null) return;
        var ingress = new IngressRecorder();
        await using var h = await ResponsesScenario.StartAsync(RoutedTo(target), ingress.Register);

        var run = await Codex.RunAsync(cli, h.Address, FormatScripts.ReadPrefix + file.Path, file.Directory);

        // "Tool said: <the command's output>": Codex ran `cat` on our file and sent the output back.
        Assert.StartsWith("Tool said:", run.FinalText, StringComparison.Ordinal);
        Assert.Contains(FileContent, run.FinalText, StringComparison.Ordinal);
        AssertWentThroughTheGateway(h, ingress, upstreamPath);
        var turns = h.Upstream.Requests.Where(r => r.Path == upstreamPath).ToList();
        Assert.Equal(2, turns.Count);
        // The first went out offering the shell tool; the second carried its output in the upstream's own format.
        Assert.Contains($"\"{FormatScripts.ShellTool}\"", turns[0].BodyText, StringComparison.Ordinal);
        var outputMarker = target switch
        {
            "native" => "\"function_call_output\"",
            "chat" => "\"role\":\"tool\"",
            _ => "\"tool_result\"",
        };
        Assert.Contains(outputMarker, turns[1].BodyText, StringComparison.Ordinal);
        Assert.Contains(FileContent, turns[1].BodyText, StringComparison.Ordinal);
    }

    /// <summary>ResponsesScenario with Codex's model routed to one target.</summary>
    private static string RoutedTo(string target) => ResponsesScenario.Toml + $"""


        [routes.codex]
        models = ["{Codex.Model}"]
        targets = ["{target}"]
        """;

    private static void AssertWentThroughTheGateway(GatewayHarness h, IngressRecorder ingress, string upstreamPath)
    {
        // What Codex sent the gateway, and where the gateway sent it on; Codex calls nothing else.
        Assert.Contains("POST /v1/responses", ingress.Requests);
        Assert.All(ingress.Requests, r => Assert.Equal("POST /v1/responses", r));
        Assert.All(h.Upstream.Requests, r => Assert.Equal(("POST", upstreamPath), (r.Method, r.Path)));
    }

    /// <summary>The file the tool turn reads, in its own temp dir (the CLI's working directory), removed afterwards.</summary>
    public sealed class ReadableFile : IDisposable
    {
        public ReadableFile()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("gateway-codex-file-").FullName;
            Path = System.IO.Path.Combine(Directory, "note.txt");
            File.WriteAllText(Path, FileContent + "\n");
        }

        public string Directory { get; }

        public string Path { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
