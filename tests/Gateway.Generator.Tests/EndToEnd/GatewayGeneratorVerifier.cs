using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Gateway.Generator.Tests.EndToEnd;

/// <summary>
/// The Roslyn SourceGenerators.Testing harness set up as the Host project is: the TOML as an
/// AdditionalFile marked GatewayConfig=true (through a global analyzer config), Gateway.Runtime referenced.
/// Reference assemblies come from Basic.Reference.Assemblies (the ref packs' NuGet versions are not served here).
/// </summary>
internal sealed class GatewayGeneratorVerifier : CSharpSourceGeneratorTest<GatewayGenerator, DefaultVerifier>
{
    public const string ConfigPath = "/0/gateway.toml";

    public GatewayGeneratorVerifier(string toml)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalReferences.Add(typeof(Gateway.Runtime.Model.CompiledGateway).Assembly);
        TestState.Sources.Add("namespace Consumer { internal static class Program { } }");
        TestState.AdditionalFiles.Add((ConfigPath, toml));
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n\n[{ConfigPath}]\nbuild_metadata.AdditionalFiles.GatewayConfig = true\n"));
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}
