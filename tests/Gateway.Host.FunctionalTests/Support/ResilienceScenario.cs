namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Strategies, retries and timeouts against one fake upstream that plays three providers (path prefixes
/// /a, /b, /c, so attempts are counted per provider) and one dead port. Backoffs are 1 ms and timeouts
/// short so the suite stays fast; the routes that test long backoffs rely on the deadline, not on sleeping.
/// </summary>
internal static class ResilienceScenario
{
    public const string Toml = """
        [routing.retry]
        max_retries = 0
        backoff_base_ms = 1

        [defaults.provider]
        timeout_ms = 3000

        [providers.pa]
        base_url = "http://127.0.0.1:{UPSTREAM}/a/v1"
        models = ["m-a"]
        credential = "env::FAKE_API_KEY"

        [providers.pb]
        base_url = "http://127.0.0.1:{UPSTREAM}/b/v1"
        models = ["m-b"]
        credential = "env::FAKE_API_KEY_B"

        [providers.pc]
        base_url = "http://127.0.0.1:{UPSTREAM}/c/v1"
        models = ["m-c"]
        credential = "env::FAKE_API_KEY"

        [providers.dead]
        base_url = "http://127.0.0.1:{DEAD}/v1"
        models = ["m-dead"]
        credential = "env::FAKE_API_KEY"

        [targets.ta]
        model = "m-a"
        weight = 70

        [targets.tb]
        model = "m-b"
        weight = 20

        [targets.tc]
        model = "m-c"
        weight = 10

        [targets.tdead]
        model = "m-dead"

        [targets.ta-slow]
        model = "m-a"
        timeout_ms = 300

        [routes.fb]
        models = ["fb"]
        strategy = "fallback"
        targets = ["ta", "tb"]

        [routes.fb3]
        models = ["fb3"]
        strategy = "fallback"
        targets = ["ta", "tb", "tc"]

        [routes.dead-fb]
        models = ["dead-fb"]
        strategy = "fallback"
        targets = ["tdead", "tb"]

        [routes.slow-fb]
        models = ["slow-fb"]
        strategy = "fallback"
        targets = ["ta-slow", "tb"]

        [targets.ta-patient]
        model = "m-a"
        timeout_ms = 60000

        [routes.rt]
        models = ["rt"]
        targets = ["ta"]

        [routes.rt.retry]
        max_retries = 2
        backoff_base_ms = 1

        [routes.ra]
        models = ["ra"]
        targets = ["ta"]

        [routes.ra.retry]
        max_retries = 1
        backoff_base_ms = 30000

        [routes.ra-fb]
        models = ["ra-fb"]
        strategy = "fallback"
        targets = ["ta", "tb"]

        [routes.ra-fb.retry]
        max_retries = 2
        backoff_base_ms = 1

        [routes.patient]
        models = ["patient"]
        targets = ["ta-patient"]

        [routes.patient.retry]
        max_retries = 2
        backoff_base_ms = 20000

        [routes.weighted]
        models = ["weighted"]
        strategy = "weighted"
        targets = ["ta", "tb", "tc"]

        [routes.chain]
        models = ["chain"]

        [[routes.chain.steps]]
        targets = ["ta"]

        [[routes.chain.steps]]
        strategy = "fallback"
        targets = ["tb", "tc"]

        [functions.fn]
        strategy = "fallback"
        targets = ["ta", "tb"]

        [functions.exp]
        strategy = "experiment"

        [functions.exp.variants.v1]
        model = "m-a"
        weight = 1
        temperature = 0.25
        max_tokens = 77

        [functions.exp.variants.v2]
        model = "m-b"
        weight = 1
        top_p = 0.5
        """;
}
