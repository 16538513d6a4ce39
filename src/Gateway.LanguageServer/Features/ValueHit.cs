using Tomlyn.Syntax;

namespace Gateway.LanguageServer.Features;

/// <summary>A value with the full key path it is assigned to.</summary>
internal sealed record ValueHit(IReadOnlyList<string> Path, ValueSyntax Value);
