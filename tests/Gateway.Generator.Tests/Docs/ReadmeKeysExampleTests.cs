using Gateway.Generator.Tests.Support;

namespace Gateway.Generator.Tests.Docs;

/// <summary>The README's [keys]/[limits]/prices example builds cleanly next to the routes it names.</summary>
public sealed class ReadmeKeysExampleTests
{
    // The example names routes "smart" and "embeddings"; this is the smallest config that has them.
    private const string Routes = """
        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o", "gpt-4o-mini", "text-embedding-3-small"]
        [targets.a]
        model = "gpt-4o"
        [targets.embed]
        model = "text-embedding-3-small"
        [routes.smart]
        models = ["smart"]
        targets = ["a"]
        [routes.embeddings]
        endpoint = "embeddings"
        models = ["embed"]
        targets = ["embed"]

        """;

    [Fact]
    public void KeysExample_CompilesWithoutDiagnostics()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "root", "README.md"));
        var section = readme.IndexOf("### `[keys.<name>]`", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no [keys.<name>] section");
        var start = readme.IndexOf("```toml\n", section, StringComparison.Ordinal) + "```toml\n".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var result = GeneratorHarness.Run(Routes + example);
        DiagnosticAssert.None(result.Diagnostics);
        Assert.Contains("new(\"finance\", -1, \"9f86d081", result.Source("GeneratedGateway.g.cs"), StringComparison.Ordinal);
    }
}
