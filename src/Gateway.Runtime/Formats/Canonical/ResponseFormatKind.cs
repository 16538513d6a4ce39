namespace Gateway.Runtime.Formats.Canonical;

/// <summary>The shape the answer must have.</summary>
internal enum ResponseFormatKind : byte
{
    /// <summary>Free text (also OpenAI <c>{"type":"text"}</c>).</summary>
    Text,
    /// <summary>OpenAI <c>json_object</c>: valid JSON, no schema (Anthropic has no counterpart).</summary>
    JsonObject,
    /// <summary>A JSON Schema the answer must follow: OpenAI <c>json_schema</c>, Anthropic <c>output_config.format</c>.</summary>
    JsonSchema,
}
