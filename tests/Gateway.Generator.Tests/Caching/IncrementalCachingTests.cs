using System.Collections;
using System.Reflection;
using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gateway.Generator.Tests.Caching;

/// <summary>The pipeline re-runs only what an edit touches, and never holds Roslyn objects.</summary>
public sealed class IncrementalCachingTests
{
    private const string Config = Toml.OpenAi + "[targets.a]\nmodel = \"gpt-4o\"\n";

    private static readonly string[] AllSteps =
        typeof(GatewayGenerator).Assembly.GetType("Gateway.Generator.TrackingNames")!
            .GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic)
            .Select(f => (string)f.GetValue(null)!)
            .ToArray();

    [Fact]
    public void SameInputTwice_EveryStepIsCached()
    {
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(Config, trackSteps: true).RunGenerators(compilation);
        var result = driver.RunGenerators(compilation).GetRunResult().Results[0];

        Assert.Equal(AllSteps.Order(), result.TrackedSteps.Keys.Where(AllSteps.Contains).Order());
        foreach (var step in AllSteps)
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached);
        }
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void UnrelatedCSharpEdit_NothingReruns()
    {
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(Config, trackSteps: true).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        foreach (var step in AllSteps)
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached);
        }
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Theory]
    [InlineData("# a comment at the top\n")]
    [InlineData("\n\n   \n")]
    public void CommentOrWhitespaceTomlEdit_SpecUnchanged_NothingReEmitted(string prefix)
    {
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        var original = new InMemoryAdditionalText(GeneratorHarness.ConfigPath, Config);
        var driver = GeneratorHarness.CreateDriver(original, trackSteps: true).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(GeneratorHarness.ConfigPath, prefix + Config));
        var result = driver.RunGenerators(compilation).GetRunResult().Results[0];

        AssertReasons(result, TrackingNames.ConfigFiles, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Spec, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void CommentEditThatMovesAWarning_ReReportsIt_ButDoesNotReEmitCode()
    {
        // GW0201 (plain http to a remote host) moves down one line: diagnostics change, the spec does not.
        const string WithWarning = "[providers.vllm]\nbase_url = \"http://10.0.0.1/v1\"\nmodels = [\"llama\"]\nauth_type = \"none\"\n";
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        var original = new InMemoryAdditionalText(GeneratorHarness.ConfigPath, WithWarning);
        var driver = GeneratorHarness.CreateDriver(original, trackSteps: true).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(GeneratorHarness.ConfigPath, "# moved\n" + WithWarning));
        var run = driver.RunGenerators(compilation).GetRunResult();
        var result = run.Results[0];

        AssertReasons(result, TrackingNames.Compile, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Spec, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        Assert.Equal(3, Assert.Single(run.Diagnostics).Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void RealTomlEdit_SpecModified_CodeReEmitted()
    {
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        var original = new InMemoryAdditionalText(GeneratorHarness.ConfigPath, Config);
        var driver = GeneratorHarness.CreateDriver(original, trackSteps: true).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original,
            new InMemoryAdditionalText(GeneratorHarness.ConfigPath, Config.Replace("\"gpt-4o\"\n", "\"gpt-4o-mini\"\n", StringComparison.Ordinal)));
        var result = driver.RunGenerators(compilation).GetRunResult().Results[0];

        AssertReasons(result, TrackingNames.Spec, IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedOutputSteps["SourceOutput"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void StepOutputs_HoldNoRoslynSymbolsSyntaxOrLocations()
    {
        var compilation = GeneratorHarness.NewCompilation("class A { }");
        // An invalid config too, so diagnostics (with their locations) flow through the pipeline.
        foreach (var toml in new[] { Config, Config + "[server]\nprot = 1\n" })
        {
            var result = GeneratorHarness.CreateDriver(toml, trackSteps: true).RunGenerators(compilation).GetRunResult().Results[0];
            foreach (var step in AllSteps)
            {
                foreach (var run in result.TrackedSteps[step])
                {
                    foreach (var (value, _) in run.Outputs)
                    {
                        AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
                    }
                }
            }
        }
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] expected)
    {
        var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.True(reasons.Count > 0 && reasons.All(expected.Contains), $"{step}: expected {string.Join("/", expected)}, got [{string.Join(", ", reasons)}]");
    }

    private static void AssertOutputs(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        var reasons = result.TrackedOutputSteps["SourceOutput"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.True(reasons.Count > 0 && reasons.All(r => r == expected), $"SourceOutput: expected {expected}, got [{string.Join(", ", reasons)}]");
    }

    private static void AssertNoRoslynObjects(object? value, HashSet<object> seen, string step)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or Location or SemanticModel,
            $"step {step} holds a {value.GetType().FullName}");
        if (value is DiagnosticDescriptor or Microsoft.CodeAnalysis.Text.TextSpan or Microsoft.CodeAnalysis.Text.LinePositionSpan) return;
        if (value is IEnumerable items)
        {
            foreach (var item in items) AssertNoRoslynObjects(item, seen, step);
            return;
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), seen, step);
        }
    }
}
