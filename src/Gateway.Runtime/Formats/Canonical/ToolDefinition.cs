namespace Gateway.Runtime.Formats.Canonical;

/// <summary>A function the client executes (Microsoft.Extensions.AI's <c>AIFunctionDeclaration</c>).</summary>
internal sealed class ToolDefinition(JsonText name) 
{
    public JsonText Name { get; } = name;

    public JsonText Description { get; init; }

    /// <summary>JSON Schema of the arguments: OpenAI <c>parameters</c>, Anthropic <c>input_schema</c>.</summary>
    public RawJson ParametersSchema { get; init; }

    /// <summary>OpenAI <c>strict</c>; Anthropic has no counterpart on the default API (dropped, docs/formats.md).</summary>
    public bool? Strict { get; init; }
}
