using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Gateway.Generator;
using Gateway.Runtime.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gateway.Testing;

/// <summary>
/// Runs the real generator in-process on TOML text and compiles its output against Gateway.Runtime: the
/// one harness of the generator tests and of the functional tests' scenarios (linked into both from
/// tests/Shared). The Roslyn SourceGenerators.Testing verifier (generator tests, EndToEnd/) is the other
/// way in, for what it checks that this does not: the generator as the compiler's test framework runs it.
/// </summary>
internal static class GeneratorHarness
{
    public const string ConfigPath = "/config/gateway.toml";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(CompiledGateway).Assembly.Location)];

    private static int s_compilations;

    /// <summary>A consumer compilation; each has its own assembly name, so several can be loaded side by side.</summary>
    public static CSharpCompilation NewCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GatewayTests" + Interlocked.Increment(ref s_compilations).ToString(System.Globalization.CultureInfo.InvariantCulture),
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(string toml, string path = ConfigPath, bool trackSteps = false) =>
        CreateDriver(new InMemoryAdditionalText(path, toml), trackSteps);

    /// <summary>A driver over <paramref name="config"/>; keep the instance to swap it with <c>ReplaceAdditionalText</c>.</summary>
    public static GeneratorDriver CreateDriver(AdditionalText config, bool trackSteps = false) => CreateDriver([config], trackSteps);

    /// <summary>A driver over any number of config files (none, or several: GW0002, GW0003), each marked as the Host project marks gateway.toml.</summary>
    public static GeneratorDriver CreateDriver(AdditionalText[] configs, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new GatewayGenerator().AsSourceGenerator()],
            configs,
            ParseOptions,
            new ConfigOptionsProvider([.. configs.Select(c => c.Path)]),
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

    /// <summary>
    /// The generated table, compiled and loaded into a load context of its own (tests only: the product
    /// never loads code at run time); fails with every error when the config or the generated C# does not compile.
    /// </summary>
    public CompiledGateway Load()
    {
        var errors = Errors.Concat(CompileErrors).ToList();
        if (errors.Count > 0 || Exception is not null)
        {
            throw new InvalidOperationException("The config does not compile:\n" + string.Join("\n", errors) + Exception);
        }
        using var stream = new MemoryStream();
        var emit = Output.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("The generated code does not emit:\n" + string.Join("\n", emit.Diagnostics));
        }
        stream.Position = 0;
        var assembly = new AssemblyLoadContext(Output.AssemblyName, isCollectible: false).LoadFromStream(stream);
        var type = assembly.GetType("Gateway.Generated.GeneratedGateway", throwOnError: true)!;
        return (CompiledGateway)type.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
