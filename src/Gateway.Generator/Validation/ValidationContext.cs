using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>Shared state of one validation run: the config, providers, credentials and inherited defaults.</summary>
internal sealed class ValidationContext
{
    private readonly Dictionary<string, int> _modelTimeouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _modelMaxOutputTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PriceSpec> _modelPrices = new(StringComparer.Ordinal);

    public ValidationContext(GatewayConfigModel config, List<DiagnosticInfo> diagnostics)
    {
        Config = config;
        Diagnostics = diagnostics;
        Providers = ProviderValidator.Validate(config, diagnostics);
        Resolver = new TargetResolver(Providers, diagnostics);
        DefaultTimeoutMs = (int)(config.DefaultTimeoutMs?.Value ?? GatewaySpec.DefaultTimeoutMs);
        GlobalMaxRetries = (int)(config.GlobalRetry.MaxRetries?.Value ?? 2);
        GlobalBackoffBaseMs = (int)(config.GlobalRetry.BackoffBaseMs?.Value ?? 500);

        foreach (var model in config.Models)
        {
            if (!Resolver.IsServed(model.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownModelTimeout, model.NameLocation, model.Name, Suggestions.DidYouMean(model.Name, Resolver.AllModels)));
            }
            if (model.TimeoutMs is { } timeout) _modelTimeouts[model.Name] = (int)timeout.Value;
            if (model.MaxOutputTokens is { } maxOutput) _modelMaxOutputTokens[model.Name] = (int)maxOutput.Value;
            if (ReadPrice(model) is { } price) _modelPrices[model.Name] = price;
        }
    }

    public GatewayConfigModel Config { get; }

    public List<DiagnosticInfo> Diagnostics { get; }

    public List<ProviderInfo> Providers { get; }

    public TargetResolver Resolver { get; }

    public CredentialTable Credentials { get; } = new();

    public int DefaultTimeoutMs { get; }

    public int GlobalMaxRetries { get; }

    public int GlobalBackoffBaseMs { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    /// <summary>SPEC §5: target → model → provider → [defaults.provider] → 30000.</summary>
    public int Timeout(long? targetTimeout, ProviderInfo provider, string model) =>
        targetTimeout is { } t ? (int)t
        : _modelTimeouts.TryGetValue(model, out var m) ? m
        : ProviderTimeout(provider);

    /// <summary>SPEC §9: <c>[models.&lt;m&gt;] max_output_tokens</c>, or null (the writer's default applies).</summary>
    public int? MaxOutputTokens(string model) => _modelMaxOutputTokens.TryGetValue(model, out var max) ? max : null;

    /// <summary>SPEC §11: the upstream model's <c>[models]</c> prices, or null when unpriced.</summary>
    public PriceSpec? Price(string model) => _modelPrices.TryGetValue(model, out var price) ? price : null;

    /// <summary>GW0611: input and output prices come together; cached input alone is no price either.</summary>
    private PriceSpec? ReadPrice(ModelSettingsModel model)
    {
        var (input, output, cached) = (model.InputUsdPerMTok, model.OutputUsdPerMTok, model.CachedInputUsdPerMTok);
        if (input is null && output is null && cached is null) return null;
        if (input is { } i && output is { } o) return new PriceSpec(i.Value, o.Value, cached?.Value);
        var (present, missing) = input is { } given ? (given, "output_usd_per_mtok")
            : output is { } other ? (other, "input_usd_per_mtok")
            : (cached!.Value, "input_usd_per_mtok");
        var presentName = input is not null ? "input_usd_per_mtok" : output is not null ? "output_usd_per_mtok" : "cached_input_usd_per_mtok";
        Diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.IncompletePrice, present.Location, model.Path + "." + presentName, missing, model.Path));
        return null;
    }

    public int ProviderTimeout(ProviderInfo provider) => (int)(provider.Model.TimeoutMs?.Value ?? DefaultTimeoutMs);

    public (int MaxRetries, int BackoffBaseMs) Retry(RetryModel retry) =>
        ((int)(retry.MaxRetries?.Value ?? GlobalMaxRetries), (int)(retry.BackoffBaseMs?.Value ?? GlobalBackoffBaseMs));

    /// <summary>
    /// Builds a managed target: target credential → provider credential (explicit or conventional);
    /// none for <c>auth_type = "none"</c>.
    /// </summary>
    public TargetSpec Target(
        string name, ResolvedModel resolved, Located<string>? credential, string user,
        Located<long>? timeout, int weight, OverridesSpec? overrides, string? path = null)
    {
        var provider = resolved.Provider;
        var slot = -1;
        if (provider.AuthScheme == AuthScheme.None)
        {
            if (credential is { } ignored)
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CredentialIgnored, ignored.Location, path + ".credential", provider.Id));
            }
        }
        else
        {
            var reference = credential is { } own ? CredentialReferences.Parse(own, path + ".credential", Diagnostics) : provider.Credential;
            if (reference is { } r) slot = Credentials.Slot(r, provider.Id, user);
        }
        return new TargetSpec(name, provider.Index, resolved.UpstreamModel, slot, weight, Timeout(timeout?.Value, provider, resolved.UpstreamModel), overrides, MaxOutputTokens(resolved.UpstreamModel), Price(resolved.UpstreamModel));
    }
}
