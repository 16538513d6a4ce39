namespace Gateway.Benchmarks;

/// <summary>Recorded request bodies linked from the runtime tests (one copy, see the csproj).</summary>
internal static class BenchFixtures
{
    /// <summary>Claude Code's first request of a session: system prompt, 24 tools, one user turn.</summary>
    public static byte[] ClaudeCodeFirstRequest() => Read("claude-code-first-request.json");

    /// <summary>
    /// Codex's second request of a tool turn (Responses API): two developer and two user messages,
    /// the assistant's text, its <c>exec_command</c> call and that call's output; 8 function tools, the
    /// custom <c>apply_patch</c>, <c>tool_search</c> (client-executed) and the hosted <c>web_search</c>.
    /// </summary>
    public static byte[] CodexToolTurnRequest() => Read("codex-tool-turn-second-request.json");

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
