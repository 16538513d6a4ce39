namespace Gateway.Generator.Tests.Support;

/// <summary>Valid building blocks for test configs.</summary>
internal static class Toml
{
    public const string OpenAi = """
        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o", "gpt-4o-mini"]

        """;

    public const string Anthropic = """
        [providers.anthropic]
        base_url = "https://api.anthropic.com/v1"
        models = ["claude-sonnet-4-6"]

        """;

    /// <summary>A second provider that also lists gpt-4o.</summary>
    public const string Azure = """
        [providers.azure]
        base_url = "https://example.openai.azure.com/openai"
        auth_type = "api_key_header"
        models = ["gpt-4o"]

        """;
}
