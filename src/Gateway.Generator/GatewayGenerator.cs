using System;
using Gateway.Generator.Emit;
using Gateway.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator;

/// <summary>
/// Compiles <c>gateway.toml</c> into a typed, frozen route table (<c>Gateway.Generated.GeneratedGateway</c>)
/// and reports every config mistake as a GW diagnostic at its line and column in the TOML file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GatewayGenerator : IIncrementalGenerator
{
    /// <summary>Item metadata that marks the config among the AdditionalFiles (set by Gateway.Host.csproj).</summary>
    public const string ConfigMetadata = "build_metadata.AdditionalFiles.GatewayConfig";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Select the config: AdditionalFiles with GatewayConfig="true" metadata, as (path, text).
        //    Only these two strings flow on, so any other file or option change stops here.
        var configFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsGatewayConfig(pair.Left, pair.Right))
            .Select(static (pair, cancellationToken) =>
                new ConfigFile(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.ConfigFiles);

        // 2. Parse, check the schema, bind and validate: exactly one config file expected.
        var compiled = configFiles
            .Collect()
            .Select(static (files, cancellationToken) => ConfigCompiler.Compile(files, cancellationToken))
            .WithTrackingName(TrackingNames.Compile);

        // 3. Source comes from the location-free spec only: a comment or whitespace edit in the TOML
        //    changes diagnostics' locations but not the spec, so nothing is re-emitted.
        var spec = compiled
            .Select(static (result, _) => result.Spec)
            .WithTrackingName(TrackingNames.Spec);
        context.RegisterSourceOutput(spec, static (output, spec) => Emit(output, spec));

        // 4. Diagnostics from their own branch, turned into Roslyn diagnostics only here.
        var diagnostics = compiled
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    private static bool IsGatewayConfig(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue(ConfigMetadata, out var flag)
        && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    private static void Emit(SourceProductionContext output, GatewaySpec spec)
    {
        // Always emitted, even for an invalid config (then empty), so users see GW errors and no CS0103.
        output.AddSource("GeneratedGateway.g.cs", SourceText.From(TableEmitter.Emit(spec), System.Text.Encoding.UTF8));
        output.AddSource("GeneratedGateway.Lookup.g.cs", SourceText.From(LookupEmitter.Emit(spec), System.Text.Encoding.UTF8));
        output.AddSource("GeneratedGateway.Credentials.g.cs", SourceText.From(CredentialsEmitter.Emit(spec), System.Text.Encoding.UTF8));
    }
}
