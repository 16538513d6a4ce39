using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Gateway.Generator.Tests.EndToEnd;

/// <summary>End-to-end generator checks with Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing.</summary>
public sealed class SourceGeneratorTestingTests
{
    [Fact]
    public async Task BrokenConfig_ReportsEveryMistakeAtItsLineAndColumn_InOneRun()
    {
        const string Toml = """
            [server]
            prot = 4000

            [providers.openai]
            base_url = "ftp://api.openai.com/v1"
            models = ["gpt-4o"]

            [targets.a]
            model = "gpt-4"
            credential = "sk-live-123"
            """;
        var test = new GatewayGeneratorVerifier(Toml) { TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck };
        var path = GatewayGeneratorVerifier.ConfigPath;
        test.ExpectedDiagnostics.Add(GatewayGeneratorVerifier.Diagnostic("GW0100", DiagnosticSeverity.Error).WithSpan(path, 2, 1, 2, 5));
        test.ExpectedDiagnostics.Add(GatewayGeneratorVerifier.Diagnostic("GW0200", DiagnosticSeverity.Error).WithSpan(path, 5, 12, 5, 37));
        test.ExpectedDiagnostics.Add(GatewayGeneratorVerifier.Diagnostic("GW0301", DiagnosticSeverity.Error).WithSpan(path, 9, 9, 9, 16));
        test.ExpectedDiagnostics.Add(GatewayGeneratorVerifier.Diagnostic("GW0400", DiagnosticSeverity.Error).WithSpan(path, 10, 14, 10, 27));
        // No message given: the framework compares ids, severities and spans (messages are tested elsewhere),
        // and fails on any other diagnostic, including compiler errors in the generated code.
        await test.RunAsync();
    }

    [Fact]
    public async Task ValidConfig_GeneratesExactlyTheSnapshotSources_WithNoDiagnostics()
    {
        var folder = Path.Combine(SourceFolder(), "TestData", "Snapshots");
        var test = new GatewayGeneratorVerifier(File.ReadAllText(Path.Combine(folder, "mixed-mode.toml")));
        foreach (var file in new[] { "GeneratedGateway.g.cs", "GeneratedGateway.Lookup.g.cs", "GeneratedGateway.Credentials.g.cs" })
        {
            test.TestState.GeneratedSources.Add((typeof(GatewayGenerator), file, File.ReadAllText(Path.Combine(folder, "mixed-mode", file + ".txt"))));
        }
        await test.RunAsync();
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
