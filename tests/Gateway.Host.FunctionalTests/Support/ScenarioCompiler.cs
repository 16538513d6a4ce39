using System.Collections.Immutable;
using System.Reflection;
using Gateway.Generator;
using Gateway.Runtime.Routing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Compiles scenario TOML with the real generator, in memory, so a scenario's <c>base_url</c> can name
/// the fake upstream's dynamic port. The output is loaded into the test process and its
/// <c>GeneratedGateway.Instance</c> returned (reflection: tests only; the product never does this).
/// </summary>
internal static class ScenarioCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(CompiledGateway).Assembly.Location)]);

    private static int s_counter;

    public static CompiledGateway Compile(string toml)
    {
        var config = new InMemoryText("/scenario/gateway.toml", toml);
        var compilation = CSharpCompilation.Create(
            "Scenario" + Interlocked.Increment(ref s_counter),
            [],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GatewayGenerator().AsSourceGenerator()], [config], ParseOptions, new ConfigOptions(config));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Scenario config does not compile:\n" + string.Join("\n", errors));
        }
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("Scenario emit failed:\n" + string.Join("\n", emit.Diagnostics));
        }
        var assembly = Assembly.Load(stream.ToArray());
        var type = assembly.GetType("Gateway.Generated.GeneratedGateway", throwOnError: true)!;
        return (CompiledGateway)type.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Marks the scenario file the way Gateway.Host.csproj marks gateway.toml.</summary>
    private sealed class ConfigOptions(AdditionalText config) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            ReferenceEquals(textFile, config)
                ? new Options(ImmutableDictionary<string, string>.Empty.Add(GatewayGenerator.ConfigMetadata, "true"))
                : GlobalOptions;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
