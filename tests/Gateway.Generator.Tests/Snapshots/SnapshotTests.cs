using System.Runtime.CompilerServices;

namespace Gateway.Generator.Tests.Snapshots;

/// <summary>
/// The generated files for representative configs, compared byte for byte with checked-in
/// snapshots. To accept new output: <c>UPDATE_SNAPSHOTS=1 dotnet test tests/Gateway.Generator.Tests</c>,
/// then review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string[] Files = ["GeneratedGateway.g.cs", "GeneratedGateway.Lookup.g.cs", "GeneratedGateway.Credentials.g.cs"];

    [Theory]
    [InlineData("mixed-mode")]
    [InlineData("everything")]
    [InlineData("stored-apis")]
    [InlineData("invalid")]
    public void GeneratedSources_MatchSnapshots(string scenario)
    {
        var folder = Path.Combine(SourceFolder(), "TestData", "Snapshots");
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(folder, scenario + ".toml")));
        Assert.Empty(result.CompileErrors);
        Assert.Equal(scenario == "invalid", result.Errors.Any());
        var update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        foreach (var file in Files)
        {
            var actual = result.Source(file);
            var path = Path.Combine(folder, scenario, file + ".txt");
            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
                continue;
            }
            Assert.True(File.Exists(path), $"missing snapshot {path}: run with UPDATE_SNAPSHOTS=1");
            Assert.Equal(File.ReadAllText(path), actual);
        }
    }

    [Fact]
    public void GeneratedSources_AreDeterministic()
    {
        var toml = File.ReadAllText(Path.Combine(SourceFolder(), "TestData", "Snapshots", "everything.toml"));
        var first = GeneratorHarness.Run(toml);
        var second = GeneratorHarness.Run(toml);
        Assert.Equal(
            first.Sources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
