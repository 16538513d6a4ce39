using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gateway.Generator.Tests.Support;

/// <summary>Runs the real generator in-process on TOML text and compiles its output against Gateway.Runtime.</summary>
internal static class GeneratorHarness
{
    public const string ConfigPath = "/config/gateway.toml";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Gateway.Runtime.Routing.CompiledGateway).Assembly.Location)];

    public static CSharpCompilation NewCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GatewayTests",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(string toml, string path = ConfigPath, bool trackSteps = false) =>
        CreateDriver(new InMemoryAdditionalText(path, toml), trackSteps);

    /// <summary>A driver over <paramref name="config"/>; keep the instance to swap it with <c>ReplaceAdditionalText</c>.</summary>
    public static GeneratorDriver CreateDriver(AdditionalText config, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new GatewayGenerator().AsSourceGenerator()],
            [config],
            ParseOptions,
            new ConfigOptionsProvider([config.Path]),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator on <paramref name="toml"/>.</summary>
    public static GeneratorResult Run(string toml, string path = ConfigPath)
    {
        var compilation = NewCompilation("namespace Consumer { internal static class Program { } }");
        var driver = CreateDriver(toml, path).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        return new GeneratorResult(run.Diagnostics, run.Results[0].GeneratedSources, output, run.Results[0].Exception);
    }
}

internal sealed record GeneratorResult(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<GeneratedSourceResult> Sources,
    Compilation Output,
    Exception? Exception)
{
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>C# errors of the consumer compilation including the generated code.</summary>
    public IEnumerable<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    public string Describe() => string.Join(Environment.NewLine, Diagnostics.Select(d => d.ToString()));
}
