using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Compiles <c>[keys.*]</c> (SPEC §11): secrets into credential slots or digests, allow-lists into
/// indices of the compiled table (resolved as the runtime resolves a request's model), and checks that
/// a budgeted key can only reach priced models. Runs after routes and passthroughs are compiled.
/// </summary>
internal sealed class KeyValidator(ValidationContext context, RouteCompiler routes, List<PassthroughSpec> passthroughs, List<NamedIndexSpec> passthroughLookups)
{
    private const string DigestPrefix = "sha256:";
    private readonly List<DiagnosticInfo> _diagnostics = context.Diagnostics;

    // Who first used a secret: ("env"|"file"|"sha256", value) → key name (GW0610).
    private readonly Dictionary<(string Kind, string Value), string> _secretOwners = new();

    public List<KeySpec> CompileAll() => context.Config.Keys.Select(Compile).ToList();

    private KeySpec Compile(KeyModel key)
    {
        var (slot, digest) = Secret(key);
        var allow = key.Models is null ? null : AllowList(key, key.Models);
        CheckBudgetPeriod(key);
        if (key.BudgetUsd is not null) CheckPrices(key, allow);
        // Without a valid period the budget was reported (GW0606 or GW0104); None keeps the spec consistent.
        var period = TomlEnums.BudgetPeriod.Parse(key.BudgetPeriod?.Value) ?? BudgetPeriod.None;
        return new KeySpec(
            key.Name, slot, digest,
            allow is null ? null : new AllowListSpec(Sorted(allow.Routes.Keys), Sorted(allow.Passthroughs.Keys), Sorted(allow.Providers)),
            (int?)key.RequestsPerMinute?.Value,
            key.TokensPerMinute?.Value,
            key.BudgetUsd?.Value,
            key.BudgetUsd is null ? BudgetPeriod.None : period,
            key.Passthrough?.Value ?? false);
    }

    private (int Slot, string? Digest) Secret(KeyModel key)
    {
        if (key.Secret is not { } secret) return (-1, null); // GW0102 already reported.
        var path = key.Path + ".secret";
        var text = secret.Value;
        if (text.StartsWith(DigestPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var hex = text.Substring(DigestPrefix.Length);
            var problem = hex.Length != 64 ? $"it has {hex.Length} hex digits, not 64"
                : !hex.All(Uri.IsHexDigit) ? "it contains a character that is not a hex digit"
                : null;
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidKeyDigest, secret.Location, path, problem);
                return (-1, null);
            }
            var digest = hex.ToLowerInvariant();
            CheckUnique(key, ("sha256", digest), secret.Location, path);
            return (-1, digest);
        }
        if (!CredentialReferences.HasScheme(text))
        {
            Report(DiagnosticDescriptors.LiteralKeySecret, secret.Location, path);
            return (-1, null);
        }
        if (CredentialReferences.Parse(secret, path, _diagnostics) is not { } reference) return (-1, null);
        CheckUnique(key, (reference.IsFile ? "file" : "env", reference.Name), secret.Location, path);
        return (context.Credentials.Slot(reference, $"gateway key '{key.Name}'"), null);
    }

    private void CheckUnique(KeyModel key, (string, string) secret, LocationInfo location, string path)
    {
        if (_secretOwners.TryGetValue(secret, out var first)) Report(DiagnosticDescriptors.DuplicateKeySecret, location, path, first);
        else _secretOwners[secret] = key.Name;
    }

    /// <summary>What an allow-list reaches, and through which entry (for GW0604 and its location).</summary>
    private sealed class Reach
    {
        public Dictionary<int, Located<string>> Routes { get; } = new();
        public Dictionary<int, Located<string>> Passthroughs { get; } = new();
        public HashSet<int> Providers { get; } = new();
    }

    private Reach AllowList(KeyModel key, List<Located<string>> models)
    {
        var reach = new Reach();
        var index = 0;
        foreach (var entry in models)
        {
            var path = $"{key.Path}.models[{index++}]";
            var text = entry.Value;
            var separator = text.IndexOf("::", StringComparison.Ordinal);
            if (separator < 0)
            {
                ModelName(entry, path, reach);
                continue;
            }
            var prefix = text.Substring(0, separator);
            var name = text.Substring(separator + 2);
            if (prefix == "route") Named(entry, path, "route", name, routes.RouteNames, context.Config.Routes, reach);
            else if (prefix == "function") Named(entry, path, "function", name, routes.FunctionNames, context.Config.Functions, reach);
            else ProviderEntry(key, entry, path, prefix, name, reach);
        }
        return reach;
    }

    /// <summary>An unprefixed request model name: every route and passthrough it can resolve to, on any endpoint.</summary>
    private void ModelName(Located<string> entry, string path, Reach reach)
    {
        var found = false;
        foreach (var lookup in routes.Lookups.Where(l => l.Model == entry.Value))
        {
            reach.Routes[lookup.Index] = entry;
            found = true;
        }
        foreach (var passthrough in passthroughLookups.Where(p => p.Name == entry.Value))
        {
            reach.Passthroughs[passthrough.Index] = entry;
            found = true;
        }
        if (found || DeclaredButNotCompiled(entry.Value)) return;
        Report(DiagnosticDescriptors.UnknownAllowedModel, entry.Location, path, entry.Value,
            "no function, route or provider serves", Suggestions.DidYouMean(entry.Value, RequestModelNames()));
    }

    private void Named(Located<string> entry, string path, string kind, string name, List<NamedIndexSpec> compiled, List<RouteModel> declared, Reach reach)
    {
        if (compiled.FirstOrDefault(n => n.Name == name) is { } hit)
        {
            reach.Routes[hit.Index] = entry;
            return;
        }
        // A declared route that failed to compile has its own diagnostics; do not add a misleading one.
        if (declared.Any(r => r.Name == name)) return;
        Report(DiagnosticDescriptors.UnknownAllowedName, entry.Location, path, kind, name, Suggestions.DidYouMean(name, declared.Select(r => r.Name)));
    }

    private void ProviderEntry(KeyModel key, Located<string> entry, string path, string providerId, string model, Reach reach)
    {
        if (context.Resolver.FindProvider(providerId) is not { } provider)
        {
            Report(DiagnosticDescriptors.UnknownAllowedName, entry.Location, path, "provider", providerId, Suggestions.DidYouMean(providerId, context.Providers.Select(p => p.Id)));
            return;
        }
        if (model == "*")
        {
            reach.Providers.Add(provider.Index);
            if (key.BudgetUsd is not null) Report(DiagnosticDescriptors.BudgetWithProviderWildcard, entry.Location, key.Path, entry.Value);
            return;
        }
        var passthrough = passthroughs.FindIndex(p => p.ProviderIndex == provider.Index && p.Model == model);
        if (passthrough < 0)
        {
            Report(DiagnosticDescriptors.UnknownAllowedModel, entry.Location, path, entry.Value,
                $"provider '{provider.Id}' does not list (only {provider.Id}::* reaches unlisted models)",
                Suggestions.DidYouMean(model, provider.Model.ModelNames.Select(m => m.Value)));
            return;
        }
        reach.Passthroughs[passthrough] = entry;
    }

    private bool DeclaredButNotCompiled(string name) =>
        context.Config.Functions.Any(f => f.Name == name)
        || context.Config.Routes.Any(r => r.Models?.Any(m => m.Value == name) == true)
        || context.Config.Targets.Any(t => t.Model?.Value == name);

    private IEnumerable<string> RequestModelNames() =>
        context.Config.Functions.Select(f => f.Name)
            .Concat(context.Config.Routes.SelectMany(r => r.Models ?? new List<Located<string>>()).Select(m => m.Value))
            .Concat(context.Resolver.AllModels)
            .Distinct();

    private void CheckBudgetPeriod(KeyModel key)
    {
        if (key.BudgetUsd is not null && key.BudgetPeriod is null)
        {
            Report(DiagnosticDescriptors.BudgetPeriodMismatch, key.BudgetUsdKeyLocation ?? key.NameLocation,
                key.Path + ".budget_usd", key.Path + ".budget_period", "budget_period = \"month\" (or \"day\")");
        }
        else if (key.BudgetPeriod is not null && key.BudgetUsd is null)
        {
            Report(DiagnosticDescriptors.BudgetPeriodMismatch, key.BudgetPeriodKeyLocation ?? key.NameLocation,
                key.Path + ".budget_period", key.Path + ".budget_usd", "budget_usd = 50.0");
        }
    }

    /// <summary>GW0604: every upstream model a budgeted key can reach must be priced, or its spend could not be counted.</summary>
    private void CheckPrices(KeyModel key, Reach? allow)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var defaultLocation = key.BudgetUsdKeyLocation ?? key.NameLocation;
        var reachedRoutes = allow is null
            ? routes.Routes.Select((_, i) => (Index: i, Entry: (Located<string>?)null))
            : allow.Routes.OrderBy(r => r.Key).Select(r => (Index: r.Key, Entry: (Located<string>?)r.Value));
        foreach (var (routeIndex, entry) in reachedRoutes)
        {
            foreach (var target in routes.Routes[routeIndex].Steps.SelectMany(s => s.Targets))
            {
                if (target.Price is null) Unpriced(key, target.Model, entry, defaultLocation, reported);
            }
        }
        foreach (var passthrough in allow?.Passthroughs.OrderBy(p => p.Key) ?? Enumerable.Empty<KeyValuePair<int, Located<string>>>())
        {
            if (passthroughs[passthrough.Key].Price is null) Unpriced(key, passthroughs[passthrough.Key].Model, passthrough.Value, defaultLocation, reported);
        }
    }

    private void Unpriced(KeyModel key, string model, Located<string>? entry, LocationInfo defaultLocation, HashSet<string> reported)
    {
        if (!reported.Add(model)) return;
        var via = entry is { } e ? $"'{e.Value}'" : "its default allow-list (every managed route)";
        Report(DiagnosticDescriptors.BudgetReachesUnpricedModel, entry?.Location ?? defaultLocation, key.Path, via, model);
    }

    private static EquatableArray<int> Sorted(IEnumerable<int> indices) => indices.Distinct().OrderBy(i => i).ToEquatableArray();

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
