namespace Gateway.Runtime.Formats.Canonical;

/// <summary>Structured output: the kind and, for a schema, its name, the schema and <c>strict</c>.</summary>
internal readonly record struct ResponseFormat(ResponseFormatKind Kind, JsonText Name, RawJson Schema, bool? Strict);
