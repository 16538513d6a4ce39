namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A gateway with both stored-object tables (SPEC §10) on one fake OpenAI provider under <c>/oai</c>:
/// <c>[files]</c> managed (the gateway sentinel key, uploads up to 4 KiB) and <c>[responses]</c> passthrough
/// (the caller's key goes upstream).
/// </summary>
internal static class StoredScenario
{
    public const int MaxUploadBytes = 4096;

    public const string Toml = """
        [defaults.provider]
        timeout_ms = 3000

        [providers.openai]
        base_url = "http://127.0.0.1:{UPSTREAM}/oai/v1"
        models = ["gpt-up"]
        credential = "env::FAKE_API_KEY"

        [files]
        provider = "openai"
        credential = "env::FAKE_API_KEY"
        max_bytes = 4096

        [responses]
        provider = "openai"
        """;

    /// <summary>The same provider with passthrough files and gateway keys on: <c>team</c> may not pass its own key, <c>passer</c> may.</summary>
    public const string WithKeys = """
        [providers.openai]
        base_url = "http://127.0.0.1:{UPSTREAM}/oai/v1"
        models = ["gpt-up"]
        credential = "env::FAKE_API_KEY"

        [files]
        provider = "openai"

        [responses]
        provider = "openai"
        credential = "env::FAKE_API_KEY"

        [keys.team]
        secret = "env::TEAM_KEY"

        [keys.passer]
        secret = "env::PASS_KEY"
        passthrough = true
        """;
}
