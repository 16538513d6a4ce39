using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>Which provider serves a target's model, and which model goes upstream.</summary>
internal readonly record struct ResolvedModel(ProviderInfo Provider, string UpstreamModel);

/// <summary>
/// Resolves <c>model</c> (+ optional <c>provider</c>) of targets, inline function models and
/// experiment variants to a provider. Ambiguity is an error by design (SPEC §2): the docs' 70/30
/// guide would otherwise silently send both targets to one provider.
/// </summary>
internal sealed class TargetResolver(List<ProviderInfo> providers, List<DiagnosticInfo> diagnostics)
{
    private readonly Dictionary<string, ProviderInfo> _byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IEnumerable<string> AllModels => providers.SelectMany(p => p.Model.ModelNames.Select(m => m.Value)).Distinct();

    public bool IsServed(string model) => providers.Any(p => p.Models.Contains(model));

    public ProviderInfo? FindProvider(string id) => _byId.TryGetValue(id, out var p) ? p : null;

    /// <param name="model">The model as written (plain or <c>provider::model</c>).</param>
    /// <param name="provider">The optional <c>provider</c> key.</param>
    /// <param name="path">Dotted key of <paramref name="model"/> for messages.</param>
    /// <param name="ownerPath">Dotted key of the table, for the provider key message.</param>
    public ResolvedModel? Resolve(Located<string> model, Located<string>? provider, string path, string ownerPath)
    {
        var separator = model.Value.IndexOf("::", StringComparison.Ordinal);
        if (separator >= 0)
        {
            var prefix = model.Value.Substring(0, separator);
            var upstream = model.Value.Substring(separator + 2);
            if (upstream.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, model.Location, path));
                return null;
            }
            var prefixed = Known(prefix, model.Location, path);
            if (prefixed is null) return null;
            if (provider is { } p && p.Value != prefix)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingProvider, p.Location, ownerPath + ".provider", p.Value, prefix));
                return null;
            }
            // An explicit provider::model needs not be in the provider's list, as for passthrough.
            return new ResolvedModel(prefixed, upstream);
        }

        if (provider is { } named)
        {
            var explicitProvider = Known(named.Value, named.Location, ownerPath + ".provider");
            if (explicitProvider is null) return null;
            if (!explicitProvider.Models.Contains(model.Value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ProviderDoesNotListModel, model.Location, path, explicitProvider.Id, model.Value));
                return null;
            }
            return new ResolvedModel(explicitProvider, model.Value);
        }

        var candidates = providers.Where(p => p.Models.Contains(model.Value)).ToList();
        if (candidates.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnknownModel, model.Location, path, model.Value, Suggestions.DidYouMean(model.Value, AllModels)));
            return null;
        }
        if (candidates.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.AmbiguousProvider, model.Location, path, model.Value,
                string.Join(", ", candidates.Select(c => "'" + c.Id + "'")), candidates[0].Id));
            return null;
        }
        return new ResolvedModel(candidates[0], model.Value);
    }

    private ProviderInfo? Known(string id, Model.LocationInfo location, string path)
    {
        if (_byId.TryGetValue(id, out var provider)) return provider;
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.UnknownProvider, location, path, id, Suggestions.DidYouMean(id, _byId.Keys)));
        return null;
    }
}
