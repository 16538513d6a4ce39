namespace Gateway.Generator.Model;

/// <summary>The selected config file: its path (for diagnostics) and text. Value-equatable.</summary>
internal sealed record ConfigFile(string Path, string Text);

/// <summary>The result of compiling the config: what to emit, and what to report.</summary>
internal sealed record CompilationResult(GatewaySpec Spec, EquatableArray<DiagnosticInfo> Diagnostics);
