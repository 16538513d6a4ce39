using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Docs;

/// <summary>The GW catalogue, the release-tracking file, the README and the per-id tests stay in step.</summary>
public sealed class CatalogueSyncTests
{
    private static readonly DiagnosticDescriptor[] Catalogue =
        typeof(GatewayGenerator).Assembly.GetType("Gateway.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

    [Fact]
    public void Catalogue_IdsAreUniqueAndStable()
    {
        Assert.Equal(Catalogue.Length, Catalogue.Select(d => d.Id).Distinct().Count());
        Assert.All(Catalogue, d => Assert.Matches("^GW\\d{4}$", d.Id));
    }

    [Fact]
    public void EveryId_IsDocumentedInTheReadme_WithItsSeverity()
    {
        var readme = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "root", "README.md"));
        foreach (var descriptor in Catalogue)
        {
            var row = readme.FirstOrDefault(l => l.StartsWith($"| {descriptor.Id} ", StringComparison.Ordinal));
            Assert.True(row is not null, $"README.md has no Diagnostics row for {descriptor.Id}");
            Assert.Contains(descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning", row!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryId_IsInAnalyzerReleases()
    {
        var releases = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Gateway.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(Catalogue, d => Assert.Contains(d.Id + " |", releases, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryId_HasItsOwnTest()
    {
        var testNames = typeof(CatalogueSyncTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name)
            .ToList();
        Assert.All(Catalogue, d => Assert.Contains(testNames, n => n.StartsWith(d.Id + "_", StringComparison.Ordinal)));
    }

    private static string RepoRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
