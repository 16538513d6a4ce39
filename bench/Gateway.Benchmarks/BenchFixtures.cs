namespace Gateway.Benchmarks;

/// <summary>Recorded request bodies linked from the runtime tests (one copy, see the csproj).</summary>
internal static class BenchFixtures
{
    /// <summary>Claude Code's first request of a session: system prompt, 24 tools, one user turn.</summary>
    public static byte[] ClaudeCodeFirstRequest() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-first-request.json"));
}
