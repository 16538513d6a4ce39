namespace Gateway.Host.FunctionalTests.Support;

/// <summary>The scenario config most tests share. {UPSTREAM} is replaced by the fake upstream's port.</summary>
internal static class Scenario
{
    public const string KeyVariable = "FAKE_API_KEY";

    /// <summary>A second managed credential (S3: a fallback must not carry the first target's key).</summary>
    public const string SecondKeyVariable = "FAKE_API_KEY_B";

    public const string Default = """
        [server]
        max_request_body_bytes = 65536

        [routing.retry]
        max_retries = 0
        backoff_base_ms = 0

        [defaults.provider]
        timeout_ms = 3000

        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model", "pass-model", "embed-model", "whisper-1"]
        credential = "env::FAKE_API_KEY"

        [providers.azure]
        base_url = "http://127.0.0.1:{UPSTREAM}/azure/v1"
        models = ["azure-model"]
        auth_type = "api_key_header"
        auth_header_name = "api-key"
        credential = "env::FAKE_API_KEY"
        headers = { "x-static" = "static-value" }

        [providers.gem]
        base_url = "http://127.0.0.1:{UPSTREAM}/gem/v1"
        models = ["gem-model"]
        auth_type = "query_param"
        credential = "env::FAKE_API_KEY"

        [targets.primary]
        model = "up-model"

        [targets.slow]
        model = "up-model"
        timeout_ms = 400

        [targets.azure-t]
        model = "azure-model"

        [targets.gem-t]
        model = "gem-model"

        [targets.embed-t]
        model = "embed-model"

        [targets.whisper]
        model = "whisper-1"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]

        [routes.slow-route]
        models = ["slow"]
        targets = ["slow"]

        [routes.azure-route]
        models = ["azure-smart"]
        targets = ["azure-t"]

        [routes.gem-route]
        models = ["gem-smart"]
        targets = ["gem-t"]

        [routes.fallback-route]
        models = ["resilient"]
        strategy = "fallback"
        targets = ["primary", "azure-t"]

        [routes.embed]
        models = ["embedder"]
        endpoint = "embeddings"
        targets = ["embed-t"]

        [routes.transcribe]
        models = ["transcriber"]
        endpoint = "audio_transcription"
        targets = ["whisper"]

        [functions.summarize]
        models = ["up-model"]
        """;
}
