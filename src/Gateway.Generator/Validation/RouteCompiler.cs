using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Compiles routes, functions and bare targets into <see cref="RouteSpec"/>s: checks references,
/// strategies and (endpoint, model) ownership, resolves credentials, timeouts and retry settings,
/// and precomputes weighted tables. Reports every problem it finds and keeps going.
/// </summary>
internal sealed class RouteCompiler(ValidationContext context)
{
    private readonly Dictionary<string, TargetModel> _targets = context.Config.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, TargetSpec?> _compiledTargets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTargets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Endpoint, string Model), string> _owners = new();
    private readonly Dictionary<string, string> _bareTargetByModel = new(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics = context.Diagnostics;

    public List<RouteSpec> Routes { get; } = new();

    /// <summary>Unprefixed lookups in precedence order: functions, routes, bare targets.</summary>
    public List<LookupSpec> Lookups { get; } = new();

    public List<NamedIndexSpec> FunctionNames { get; } = new();

    public List<NamedIndexSpec> RouteNames { get; } = new();

    public void CompileAll()
    {
        // Functions first: an unprefixed name resolves to a function before a route (SPEC §3.2).
        foreach (var function in context.Config.Functions) Compile(function, RouteKind.Function);
        foreach (var route in context.Config.Routes) Compile(route, RouteKind.Route);
        CompileBareTargets();
    }

    private void Compile(RouteModel route, RouteKind kind)
    {
        var endpoint = route.Endpoint?.Value ?? "chat";
        // A value the schema refused (GW0104) compiles as chat, so that the rest of the route is still checked.
        var endpointKind = TomlEnums.Endpoint.Parse(endpoint) ?? EndpointKind.Chat;
        var steps = route.IsFunction ? FunctionSteps(route) : RouteSteps(route);
        var retry = context.Retry(route.Retry);
        var index = Routes.Count;
        if (steps is not null && endpoint != "chat") CheckChatOnlyProviders(route, endpoint, steps);
        if (steps is not null)
        {
            Routes.Add(new RouteSpec(route.Name, kind, endpointKind, steps.ToEquatableArray(), retry.MaxRetries, retry.BackoffBaseMs));
        }

        var owner = (route.IsFunction ? "function '" : "route '") + route.Name + "'";
        if (route.IsFunction)
        {
            if (Claim(endpoint, route.Name, owner, route.NameLocation, route.Path) && steps is not null)
            {
                Lookups.Add(new LookupSpec(endpointKind, route.Name, index));
            }
            if (steps is not null) FunctionNames.Add(new NamedIndexSpec(route.Name, index));
        }
        else
        {
            var models = route.Models ?? new List<Located<string>>();
            for (var i = 0; i < models.Count; i++)
            {
                if (Claim(endpoint, models[i].Value, owner, models[i].Location, $"{route.Path}.models[{i}]") && steps is not null)
                {
                    Lookups.Add(new LookupSpec(endpointKind, models[i].Value, index));
                }
            }
            if (steps is not null) RouteNames.Add(new NamedIndexSpec(route.Name, index));
        }
    }

    /// <summary>GW0205: an Anthropic provider speaks only Messages, so it cannot serve embeddings, images or audio.</summary>
    private void CheckChatOnlyProviders(RouteModel route, string endpoint, List<StepSpec> steps)
    {
        var reported = new HashSet<int>();
        foreach (var target in steps.SelectMany(s => s.Targets))
        {
            var provider = context.Providers[target.ProviderIndex];
            if (provider.IsAnthropic && reported.Add(provider.Index))
            {
                Report(DiagnosticDescriptors.AnthropicProviderOnNonChatRoute, route.Endpoint?.Location ?? route.NameLocation, route.Path, endpoint, target.Name, provider.Id);
            }
        }
    }

    private List<StepSpec>? RouteSteps(RouteModel route)
    {
        if (route.Targets is not null && route.Steps is not null)
        {
            Report(DiagnosticDescriptors.TargetsSourceConflict, SecondInFile(route.TargetsLocation, route.StepsLocation) ?? route.NameLocation, route.Path, "has both targets and steps", "targets or steps");
            return null;
        }
        if (route.Targets is null && route.Steps is null)
        {
            Report(DiagnosticDescriptors.TargetsSourceConflict, route.NameLocation, route.Path, "has neither targets nor steps", "targets = [\"...\"] or [[" + route.Path + ".steps]]");
            return null;
        }
        return route.Targets is not null
            ? OneStep(route.Strategy, route.Targets, route.TargetsLocation ?? route.NameLocation, route.Path)
            : ChainOfSteps(route);
    }

    private List<StepSpec>? FunctionSteps(RouteModel function)
    {
        var given = new List<string>();
        var givenLocations = new List<LocationInfo?>();
        if (function.Models is not null) { given.Add("models"); givenLocations.Add(function.ModelsLocation); }
        if (function.Targets is not null) { given.Add("targets"); givenLocations.Add(function.TargetsLocation); }
        if (function.Steps is not null) { given.Add("steps"); givenLocations.Add(function.StepsLocation); }
        var isExperiment = TomlEnums.FunctionStrategy.Parse(function.Strategy?.Value) == StrategyKind.Experiment;
        if (isExperiment)
        {
            if (given.Count > 0)
            {
                Report(DiagnosticDescriptors.TargetsSourceConflict, SecondInFile([function.Strategy!.Value.Location, .. givenLocations]) ?? function.NameLocation, function.Path,
                    "is an experiment but also has " + string.Join(" and ", given), "variants (for an experiment)");
                return null;
            }
            if (function.Variants is null || function.Variants.Count == 0)
            {
                Report(DiagnosticDescriptors.ExperimentShape, function.Strategy!.Value.Location, function.Path,
                    $"is strategy \"experiment\" but has no variants. Add [{function.Path}.variants.<name>] tables with model (and weight)");
                return null;
            }
            return Variants(function);
        }
        if (function.Variants is not null)
        {
            // Without a strategy the variants alone are wrong; with another strategy, whichever of the two comes second.
            var offending = function.Strategy is { } declared ? SecondInFile(declared.Location, function.VariantsLocation) : function.VariantsLocation;
            Report(DiagnosticDescriptors.ExperimentShape, offending ?? function.NameLocation, function.Path,
                "has variants but its strategy is not \"experiment\". Set strategy = \"experiment\" or remove the variants");
            return null;
        }
        if (given.Count != 1)
        {
            // None given: no key to point at, so the function's name.
            Report(DiagnosticDescriptors.TargetsSourceConflict, SecondInFile(givenLocations.ToArray()) ?? function.NameLocation, function.Path,
                given.Count == 0 ? "has none of models, targets, steps" : "has " + string.Join(" and ", given), "models, targets or steps");
            return null;
        }
        if (function.Steps is not null) return ChainOfSteps(function);
        if (function.Targets is not null) return OneStep(function.Strategy, function.Targets, function.TargetsLocation ?? function.NameLocation, function.Path);

        // Inline shorthand: one implicit target per model, the model's provider and its credential.
        var targets = new List<TargetSpec>();
        var ok = true;
        for (var i = 0; i < function.Models!.Count; i++)
        {
            var model = function.Models[i];
            var resolved = context.Resolver.Resolve(model, null, $"{function.Path}.models[{i}]", function.Path);
            if (resolved is null) { ok = false; continue; }
            targets.Add(context.Target(model.Value, resolved.Value, null, $"function '{function.Name}' (model '{model.Value}')", null, 1, null));
        }
        var strategy = Strategy(function.Strategy, targets.Count, function.ModelsLocation ?? function.NameLocation, function.Path);
        return ok && strategy is not null ? new List<StepSpec> { Step(strategy.Value, targets) } : null;
    }

    private List<StepSpec>? Variants(RouteModel function)
    {
        var targets = new List<TargetSpec>();
        var ok = true;
        foreach (var variant in function.Variants!)
        {
            if (variant.Model is not { } model) { ok = false; continue; }
            var resolved = context.Resolver.Resolve(model, null, variant.Path + ".model", variant.Path);
            if (resolved is null) { ok = false; continue; }
            var overrides = variant.Temperature is null && variant.TopP is null && variant.MaxTokens is null
                ? null
                : new OverridesSpec(variant.Temperature?.Value, variant.TopP?.Value, (int?)variant.MaxTokens?.Value);
            targets.Add(context.Target(variant.Name, resolved.Value, null, $"function '{function.Name}' variant '{variant.Name}'", null,
                (int)(variant.Weight?.Value ?? 1), overrides));
        }
        return ok ? new List<StepSpec> { Step(StrategyKind.Experiment, targets) } : null;
    }

    private List<StepSpec>? ChainOfSteps(RouteModel route)
    {
        var steps = new List<StepSpec>();
        var ok = true;
        foreach (var step in route.Steps!)
        {
            if (step.Targets is null) { ok = false; continue; }
            var compiled = OneStep(step.Strategy, step.Targets, step.TargetsLocation ?? step.Location, step.Path);
            if (compiled is null) ok = false;
            else steps.AddRange(compiled);
        }
        return ok && steps.Count > 0 ? steps : null;
    }

    private List<StepSpec>? OneStep(Located<string>? strategyValue, List<Located<string>> targetNames, LocationInfo location, string path)
    {
        var targets = new List<TargetSpec>();
        var ok = true;
        for (var i = 0; i < targetNames.Count; i++)
        {
            var name = targetNames[i];
            _usedTargets.Add(name.Value);
            if (!_targets.ContainsKey(name.Value))
            {
                Report(DiagnosticDescriptors.UnknownTarget, name.Location, $"{path}.targets[{i}]", name.Value, Suggestions.DidYouMean(name.Value, _targets.Keys));
                ok = false;
                continue;
            }
            var target = CompileTarget(name.Value);
            if (target is null) ok = false;
            else targets.Add(target);
        }
        var strategy = Strategy(strategyValue, targetNames.Count, location, path);
        return ok && strategy is not null && targets.Count > 0 ? new List<StepSpec> { Step(strategy.Value, targets) } : null;
    }

    private StrategyKind? Strategy(Located<string>? strategy, int targetCount, LocationInfo location, string path)
    {
        if (strategy is null)
        {
            if (targetCount <= 1) return StrategyKind.Single;
            Report(DiagnosticDescriptors.StrategyRequired, location, path, targetCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
        if (strategy.Value.Value == "single" && targetCount > 1)
        {
            Report(DiagnosticDescriptors.SingleWithSeveralTargets, strategy.Value.Location, path + ".strategy", targetCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
        // Null for a value the schema refused (GW0104): the step is not compiled.
        return TomlEnums.FunctionStrategy.Parse(strategy.Value.Value);
    }

    private static StepSpec Step(StrategyKind strategy, List<TargetSpec> targets)
    {
        if (strategy is StrategyKind.Weighted or StrategyKind.Experiment)
        {
            var (threshold, alias, total) = Gateway.Shared.AliasTableBuilder.Build(targets.Select(t => t.Weight).ToList());
            return new StepSpec(strategy, targets.ToEquatableArray(), threshold.ToEquatableArray(), alias.ToEquatableArray(), total);
        }
        return new StepSpec(strategy, targets.ToEquatableArray(), EquatableArray<long>.Empty, EquatableArray<int>.Empty, 0);
    }

    private TargetSpec? CompileTarget(string name)
    {
        if (_compiledTargets.TryGetValue(name, out var compiled)) return compiled;
        var target = _targets[name];
        TargetSpec? spec = null;
        if (target.Model is { } model)
        {
            var resolved = context.Resolver.Resolve(model, target.Provider, target.Path + ".model", target.Path);
            if (resolved is not null)
            {
                spec = context.Target(name, resolved.Value, target.Credential, $"target '{name}'", target.TimeoutMs, (int)(target.Weight?.Value ?? 1), null, target.Path);
            }
        }
        if (spec is null && target.Credential is { } credential)
        {
            // Still check the credential so every mistake in the target is reported in one build.
            CredentialReferences.Parse(credential, target.Path + ".credential", _diagnostics);
        }
        _compiledTargets[name] = spec;
        return spec;
    }

    /// <summary>SPEC §2 "Bare targets": a target nobody references gets an automatic single chat route.</summary>
    private void CompileBareTargets()
    {
        foreach (var target in context.Config.Targets)
        {
            if (_usedTargets.Contains(target.Name)) continue;
            var spec = CompileTarget(target.Name);
            if (spec is null) continue;
            var served = spec.Model;
            if (_bareTargetByModel.TryGetValue(served, out var firstBare))
            {
                Report(DiagnosticDescriptors.DuplicateBareTarget, target.NameLocation, firstBare, target.Name, served);
                continue;
            }
            if (_owners.TryGetValue(("chat", served), out var owner))
            {
                Report(DiagnosticDescriptors.UnusedBareTarget, target.NameLocation, target.Name, served, owner);
                continue;
            }
            _owners[("chat", served)] = "target '" + target.Name + "'";
            _bareTargetByModel[served] = target.Name;
            var index = Routes.Count;
            var retry = context.Retry(new RetryModel());
            Routes.Add(new RouteSpec(target.Name, RouteKind.BareTarget, EndpointKind.Chat, new[] { Step(StrategyKind.Single, new List<TargetSpec> { spec }) }.ToEquatableArray(), retry.MaxRetries, retry.BackoffBaseMs));
            Lookups.Add(new LookupSpec(EndpointKind.Chat, served, index));
        }
    }

    private bool Claim(string endpoint, string model, string owner, LocationInfo location, string path)
    {
        if (_owners.TryGetValue((endpoint, model), out var existing))
        {
            Report(DiagnosticDescriptors.DuplicateOwnership, location, path, endpoint, model, existing);
            return false;
        }
        _owners[(endpoint, model)] = owner;
        return true;
    }

    /// <summary>
    /// Where an "exactly one of" mistake is reported (SPEC §1, "the offending key"): the second of the conflicting
    /// keys in file order, where the table stops making sense read from the top. Null when fewer than two are located.
    /// </summary>
    private static LocationInfo? SecondInFile(params LocationInfo?[] locations)
    {
        var present = locations.Where(l => l is not null).Select(l => l!).OrderBy(l => l.TextSpan.Start).ToList();
        return present.Count >= 2 ? present[1] : null;
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
