using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;
using Gateway.Generator.Validation;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator;

/// <summary>
/// TOML text → (spec, diagnostics): parse → schema check → bind → validate. Never throws for a user
/// mistake; an unexpected exception becomes one GW9999 diagnostic instead of a compiler crash.
/// </summary>
internal static class ConfigCompiler
{
    public static CompilationResult Compile(ImmutableArray<ConfigFile> files, CancellationToken cancellationToken)
    {
        if (files.Length == 0)
        {
            return Result(GatewaySpec.Empty, DiagnosticInfo.Create(DiagnosticDescriptors.NoConfigFile, null));
        }
        if (files.Length > 1)
        {
            var names = string.Join(", ", files.Select(f => f.Path));
            return Result(GatewaySpec.Empty, DiagnosticInfo.Create(DiagnosticDescriptors.SeveralConfigFiles, null, names));
        }
        return Compile(files[0], cancellationToken);
    }

    public static CompilationResult Compile(ConfigFile file, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var text = SourceText.From(file.Text);
            var tree = TomlTreeBuilder.Build(file.Path, text, diagnostics);
            if (tree is null) return new CompilationResult(GatewaySpec.Empty, diagnostics.ToEquatableArray());
            cancellationToken.ThrowIfCancellationRequested();

            SchemaChecker.Check(tree, diagnostics);
            var config = ConfigReader.Read(tree);
            var spec = ConfigValidator.Validate(config, diagnostics);
            return new CompilationResult(spec, Sorted(diagnostics).ToEquatableArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, ex.GetType().Name + ": " + ex.Message));
            return new CompilationResult(GatewaySpec.Empty, diagnostics.ToEquatableArray());
        }
    }

    /// <summary>File order (then id), so the build output reads top to bottom like the file.</summary>
    private static IEnumerable<DiagnosticInfo> Sorted(List<DiagnosticInfo> diagnostics) =>
        diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location?.TextSpan.Start ?? -1)
            .ThenBy(x => x.i)
            .Select(x => x.d);

    private static CompilationResult Result(GatewaySpec spec, DiagnosticInfo diagnostic) =>
        new(spec, new[] { diagnostic }.ToEquatableArray());
}
