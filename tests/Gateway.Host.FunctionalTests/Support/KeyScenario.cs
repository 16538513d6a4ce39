using System.Security.Cryptography;
using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A gateway with <c>[keys]</c> (SPEC §11) in front of one fake that speaks both formats: an openai
/// provider (<c>/v1</c>) and an anthropic one (<c>/anth/v1</c>). Each key's secret is a fresh sentinel.
/// </summary>
internal static class KeyScenario
{
    public static readonly string Team = "sk-gw-TEAM-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public static readonly string Digest = "sk-gw-DIGEST-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public static readonly string Spender = "sk-gw-SPEND-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public static readonly string Passer = "sk-gw-PASS-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public static IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        ["TEAM_KEY"] = Team,
        ["SPEND_KEY"] = Spender,
        ["PASS_KEY"] = Passer,
        ["ANTHROPIC_KEY"] = "sk-ant-upstream",
    };

    /// <summary>Prices: $1 per million input tokens, $2 output, $0.50 cached; so one input token is one micro-USD.</summary>
    public static string Toml => """
        [routing.retry]
        max_retries = 0
        backoff_base_ms = 0

        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model", "pass-model"]
        credential = "env::FAKE_API_KEY"

        [providers.anth]
        api = "anthropic"
        base_url = "http://127.0.0.1:{UPSTREAM}/anth/v1"
        models = ["claude-up"]
        credential = "env::ANTHROPIC_KEY"

        [models.up-model]
        input_usd_per_mtok = 1
        output_usd_per_mtok = 2
        cached_input_usd_per_mtok = 0.5

        [models.claude-up]
        input_usd_per_mtok = 1
        output_usd_per_mtok = 2
        cached_input_usd_per_mtok = 0.5

        [targets.primary]
        model = "up-model"

        [targets.claude-t]
        model = "claude-up"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]

        [routes.other]
        models = ["other"]
        targets = ["primary"]

        [routes.claude]
        models = ["claude"]
        targets = ["claude-t"]

        [keys.team]
        secret = "env::TEAM_KEY"
        models = ["smart"]
        requests_per_minute = 3

        [keys.digest]
        secret = "sha256:@DIGEST@"

        [keys.spender]
        secret = "env::SPEND_KEY"
        models = ["smart", "claude"]
        tokens_per_minute = 100000000
        budget_usd = 1000
        budget_period = "day"

        [keys.passer]
        secret = "env::PASS_KEY"
        models = ["fake::*", "smart"]
        passthrough = true
        """.Replace("@DIGEST@", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Digest))), StringComparison.Ordinal);
}
