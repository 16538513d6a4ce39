namespace Gateway.Runtime.Formats.Canonical;

/// <summary>The tool choice and, for <see cref="ToolChoiceMode.Function"/>, the function's name.</summary>
internal readonly record struct ToolChoice(ToolChoiceMode Mode, JsonText FunctionName);
