using System.Text;

namespace Gateway.LanguageServer.Tests.Support;

/// <summary>The configs the tests edit: a valid one and the mistakes typed into it.</summary>
internal static class Configs
{
    /// <summary>Valid: two providers, two targets, one fallback route.</summary>
    public const string Valid = """
        [server]
        port = 4000

        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o", "gpt-4o-mini"]

        [providers.anthropic]
        base_url = "https://api.anthropic.com/v1"
        models = ["claude-sonnet-4-6"]

        [targets.primary]
        model = "gpt-4o"

        [targets.secondary]
        model = "gpt-4o-mini"

        [routes.smart]
        models = ["smart"]
        strategy = "fallback"
        targets = ["primary", "secondary"]

        """;

    /// <summary>Line 1: <c>prot</c> for <c>port</c>.</summary>
    public static readonly string TypoedKey = Valid.Replace("port = 4000", "prot = 4000", StringComparison.Ordinal);

    /// <summary>Line 20: the route names <c>secondry</c>, which is not defined.</summary>
    public static readonly string DanglingTarget = Valid.Replace("[\"primary\", \"secondary\"]", "[\"primary\", \"secondry\"]", StringComparison.Ordinal);

    /// <summary>Line 13: a literal key where a credential reference belongs.</summary>
    public static readonly string LiteralSecret = Valid.Replace(
        "model = \"gpt-4o\"\n", "model = \"gpt-4o\"\ncredential = \"sk-proj-0123456789abcdefghijklmnop\"\n", StringComparison.Ordinal);

    /// <summary>The repository's own gateway.toml (copied next to the tests).</summary>
    public static string Repository => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "gateway.toml"));

    /// <summary>
    /// A config with <paramref name="routes"/> routes, each over its own target and model, and one
    /// dangling reference in the last route so the compile has a diagnostic to publish.
    /// </summary>
    public static string Large(int routes)
    {
        var text = new StringBuilder();
        text.Append("[providers.openai]\nbase_url = \"https://api.openai.com/v1\"\nmodels = [");
        for (var i = 0; i < routes; i++) text.Append(i == 0 ? "" : ", ").Append("\"model-").Append(i).Append('"');
        text.Append("]\n\n");
        for (var i = 0; i < routes; i++)
        {
            text.Append("[targets.t").Append(i).Append("]\nmodel = \"model-").Append(i).Append("\"\n\n");
            var target = i == routes - 1 ? "missing" : "t" + i;
            text.Append("[routes.r").Append(i).Append("]\nmodels = [\"alias-").Append(i).Append("\"]\ntargets = [\"").Append(target).Append("\"]\n\n");
        }
        return text.ToString();
    }

    public static string Uri(string name) => "file:///work/" + name + "/gateway.toml";
}
