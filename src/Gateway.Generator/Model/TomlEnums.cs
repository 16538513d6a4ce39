using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Generator.Model;

/// <summary>
/// One TOML enumeration: its spellings in <c>gateway.toml</c> and the shared enum member each one compiles
/// to (src/Shared/ConfigEnums.cs). The schema's allowed values are read from here, so a value cannot be
/// allowed by the schema and unknown to the compiler, or the reverse.
/// </summary>
internal sealed class TomlEnum<T> where T : struct, Enum
{
    private readonly (string Toml, T Value)[] _members;

    public TomlEnum(params (string Toml, T Value)[] members)
    {
        _members = members;
        Spellings = members.Select(m => m.Toml).ToArray();
    }

    /// <summary>What the schema allows, in the order the docs list them.</summary>
    public string[] Spellings { get; }

    public IReadOnlyList<(string Toml, T Value)> Members => _members;

    /// <summary>
    /// The member <paramref name="text"/> spells, or null when it spells none: the schema has then already
    /// reported it (GW0104), and the caller recovers without emitting anything (the build has an error).
    /// </summary>
    public T? Parse(string? text)
    {
        foreach (var (toml, value) in _members)
        {
            if (string.Equals(toml, text, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }
}

/// <summary>Every enumeration of the config file (SPEC §2), TOML spelling → shared enum member.</summary>
internal static class TomlEnums
{
    public static readonly TomlEnum<EndpointKind> Endpoint = new(
        ("chat", EndpointKind.Chat),
        ("embeddings", EndpointKind.Embeddings),
        ("audio_speech", EndpointKind.AudioSpeech),
        ("audio_transcription", EndpointKind.AudioTranscription),
        ("image_generation", EndpointKind.ImageGeneration));

    /// <summary>A route's or a step's <c>strategy</c>: experiments are for functions only.</summary>
    public static readonly TomlEnum<StrategyKind> RouteStrategy = new(
        ("single", StrategyKind.Single),
        ("weighted", StrategyKind.Weighted),
        ("fallback", StrategyKind.Fallback));

    public static readonly TomlEnum<StrategyKind> FunctionStrategy = new(
        ("single", StrategyKind.Single),
        ("weighted", StrategyKind.Weighted),
        ("fallback", StrategyKind.Fallback),
        ("experiment", StrategyKind.Experiment));

    public static readonly TomlEnum<ProviderApi> Api = new(
        ("openai", ProviderApi.OpenAi),
        ("anthropic", ProviderApi.Anthropic));

    public static readonly TomlEnum<AuthScheme> AuthType = new(
        ("bearer", AuthScheme.Bearer),
        ("api_key_header", AuthScheme.ApiKeyHeader),
        ("query_param", AuthScheme.QueryParam),
        ("none", AuthScheme.None));

    public static readonly TomlEnum<BudgetPeriod> BudgetPeriod = new(
        ("day", Model.BudgetPeriod.Day),
        ("month", Model.BudgetPeriod.Month));

    public static readonly TomlEnum<LimitStoreKind> LimitStore = new(
        ("memory", LimitStoreKind.Memory),
        ("redis", LimitStoreKind.Redis));

    /// <summary><c>[security] pii</c>: a list; the spec keeps the set as flags.</summary>
    public static readonly TomlEnum<PiiDetectors> Pii = new(
        ("email", PiiDetectors.Email),
        ("phone", PiiDetectors.Phone),
        ("credit_card", PiiDetectors.CreditCard),
        ("ssn", PiiDetectors.Ssn),
        ("ip", PiiDetectors.Ip));

    public static readonly TomlEnum<StoreErrorPolicy> OnStoreError = new(
        ("deny", StoreErrorPolicy.Deny),
        ("allow", StoreErrorPolicy.Allow));
}
