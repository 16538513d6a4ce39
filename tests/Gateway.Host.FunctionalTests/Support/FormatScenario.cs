namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// One gateway in front of a fake provider of each wire format (SPEC §9): <c>anthropic</c> (api
/// defaults to anthropic by its id) under <c>/anth</c>, <c>openai</c> under <c>/oai</c>.
/// </summary>
internal static class FormatScenario
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

        [models.claude-up]
        max_output_tokens = 2048

        [targets.claude]
        model = "claude-up"

        [targets.gpt]
        model = "gpt-up"

        [routes.claude-route]
        models = ["claude"]
        targets = ["claude"]

        [routes.gpt-route]
        models = ["gpt"]
        targets = ["gpt"]

        [routes.cross]
        models = ["either"]
        strategy = "fallback"
        targets = ["claude", "gpt"]
        """;

    /// <summary>Starts the gateway with both fakes answering by path.</summary>
    public static async Task<GatewayHarness> StartAsync(Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var h = await GatewayHarness.StartAsync(Toml, configure);
        h.Upstream.Handler = Both;
        return h;
    }

    public static Task Both(Microsoft.AspNetCore.Http.HttpContext context) =>
        (context.Request.Path.Value ?? "").StartsWith("/anth/", StringComparison.Ordinal)
            ? FormatScripts.Anthropic(context)
            : FormatScripts.OpenAi(context);
}
