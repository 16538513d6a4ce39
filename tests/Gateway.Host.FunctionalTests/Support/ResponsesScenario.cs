namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// One gateway in front of three fake providers for <c>/v1/responses</c> (SPEC §10): <c>openai</c> under
/// <c>/oai</c> serves Responses natively (the default), <c>chatonly</c> under <c>/chat</c> says
/// <c>responses = false</c> and gets Chat Completions, <c>anthropic</c> under <c>/anth</c> gets Messages.
/// </summary>
internal static class ResponsesScenario
{
    public const string Toml = """
        [routing.retry]
        max_retries = 0
        backoff_base_ms = 0

        [defaults.provider]
        timeout_ms = 5000

        [providers.anthropic]
        base_url = "http://127.0.0.1:{UPSTREAM}/anth/v1"
        models = ["claude-up"]
        credential = "env::FAKE_API_KEY"

        [providers.openai]
        base_url = "http://127.0.0.1:{UPSTREAM}/oai/v1"
        models = ["gpt-up"]
        credential = "env::FAKE_API_KEY"

        [providers.chatonly]
        base_url = "http://127.0.0.1:{UPSTREAM}/chat/v1"
        models = ["chat-up"]
        responses = false
        credential = "env::FAKE_API_KEY"

        [targets.claude]
        model = "claude-up"

        [targets.native]
        model = "gpt-up"

        [targets.chat]
        model = "chat-up"

        [routes.claude-route]
        models = ["claude"]
        targets = ["claude"]

        [routes.native-route]
        models = ["native"]
        targets = ["native"]

        [routes.chat-route]
        models = ["chat"]
        targets = ["chat"]

        [routes.mixed]
        models = ["mixed"]
        strategy = "fallback"
        targets = ["native", "chat", "claude"]

        [functions.exp]
        strategy = "experiment"

        [functions.exp.variants.only]
        model = "gpt-up"
        weight = 1
        max_tokens = 77
        """;

    /// <param name="toml">This scenario's <see cref="Toml"/>, or it with tables added (the Codex test routes its model).</param>
    public static async Task<GatewayHarness> StartAsync(string toml = Toml, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var h = await GatewayHarness.StartAsync(toml, configure);
        h.Upstream.Handler = ByPath;
        return h;
    }

    public static Task ByPath(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        return path.StartsWith("/anth/", StringComparison.Ordinal) ? FormatScripts.Anthropic(context)
            : path.StartsWith("/chat/", StringComparison.Ordinal) ? FormatScripts.OpenAi(context)
            : ResponsesScripts.Native(context);
    }
}
