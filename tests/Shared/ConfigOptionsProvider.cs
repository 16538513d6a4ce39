using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Gateway.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gateway.Testing;

/// <summary>Marks chosen AdditionalFiles with GatewayConfig=true metadata, as Gateway.Host.csproj does.</summary>
internal sealed class ConfigOptionsProvider(ImmutableHashSet<string> configPaths) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        configPaths.Contains(textFile.Path)
            ? new Options(ImmutableDictionary<string, string>.Empty.Add(GatewayGenerator.ConfigMetadata, "true"))
            : GlobalOptions;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
