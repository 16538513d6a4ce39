using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Runtime.Telemetry;

namespace Gateway.Runtime.Keys;

/// <summary>
/// Per-key metrics (SPEC §11) on the gateway's meter. The only tag is the key's table name, so cardinality is
/// bounded by the config; with no listener each is one <c>Enabled</c> test.
/// </summary>
internal static class KeyMetrics
{
    public const string KeyTag = "gateway.key";

    public static readonly Counter<long> Requests = GatewayTelemetry.Meter.CreateCounter<long>("gateway.key.requests", "{request}", "Requests admitted or refused per gateway key.");
    public static readonly Counter<long> Tokens = GatewayTelemetry.Meter.CreateCounter<long>("gateway.key.tokens", "{token}", "Tokens counted per gateway key (input + output, as the upstream reported).");
    public static readonly Counter<double> SpendUsd = GatewayTelemetry.Meter.CreateCounter<double>("gateway.key.spend_usd", "USD", "Spend counted per gateway key, from the reported usage and the model's prices.");

    public static void Admitted(string key, string outcome)
    {
        if (Requests.Enabled)
        {
            Requests.Add(1, new TagList { { KeyTag, key }, { "gateway.outcome", outcome } });
        }
    }

    /// <summary>What one response used; <paramref name="microUsd"/> is the spend as the budget counts it (whole micro-USD, rounded up), when priced.</summary>
    public static void Record(string key, long tokens, long? microUsd)
    {
        if (Tokens.Enabled && tokens > 0)
        {
            Tokens.Add(tokens, new TagList { { KeyTag, key } });
        }
        if (SpendUsd.Enabled && microUsd is > 0)
        {
            SpendUsd.Add(microUsd.Value / 1_000_000d, new TagList { { KeyTag, key } });
        }
    }
}
