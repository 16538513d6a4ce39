using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gateway.Runtime.Tests.Architecture;

/// <summary>
/// Which runtime folder's code names which other folder's types, read with Roslyn's semantic model from
/// the sources themselves (namespace = folder, docs/architecture.md). Documentation comments do not count:
/// a <c>cref</c> is a pointer for the reader, not a dependency.
/// </summary>
internal sealed class RuntimeFolderGraph
{
    private const string RuntimeNamespace = "Gateway.Runtime.";

    // The implicit global usings of Microsoft.NET.Sdk (ImplicitUsings=enable), which the project gets from obj/.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Folder → folders it uses → one example each ("File.cs: Type").</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static RuntimeFolderGraph Build()
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src", "Gateway.Runtime"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Shared"), "*.cs"));
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), options, p)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.cs"));
        var compilation = CSharpCompilation.Create("RuntimeFolders", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        var graph = new RuntimeFolderGraph();
        foreach (var tree in trees)
        {
            var from = FolderOf(tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString());
            if (from is null) continue;
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType is { } outer) type = outer;
                var to = FolderOf(type?.ContainingNamespace?.ToDisplayString());
                if (to is null || to == from) continue;
                if (!graph.Edges.TryGetValue(from, out var targets)) graph.Edges[from] = targets = new(StringComparer.Ordinal);
                targets.TryAdd(to, $"{Path.GetFileName(tree.FilePath)}: {type!.Name}");
            }
        }
        return graph;
    }

    /// <summary>Every pair of folders that reach each other, with one example of each direction.</summary>
    public List<string> Cycles()
    {
        var found = new List<string>();
        foreach (var (from, targets) in Edges)
        {
            foreach (var (to, example) in targets)
            {
                if (string.CompareOrdinal(from, to) < 0 && Reaches(to, from, out var back))
                {
                    found.Add($"{from} -> {to} ({example}) and back: {back}");
                }
            }
        }
        return found;
    }

    private bool Reaches(string start, string goal, out string path)
    {
        var previous = new Dictionary<string, string> { [start] = "" };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var (next, example) in Edges.GetValueOrDefault(at) ?? [])
            {
                if (previous.ContainsKey(next)) continue;
                previous[next] = at;
                if (next == goal)
                {
                    var steps = new List<string> { next };
                    for (var s = at; s.Length > 0; s = previous[s]) steps.Add(s);
                    steps.Reverse();
                    path = string.Join(" -> ", steps) + $" (last step: {example})";
                    return true;
                }
                queue.Enqueue(next);
            }
        }
        path = "";
        return false;
    }

    /// <summary><c>Gateway.Runtime.Formats.Anthropic</c> → <c>Formats</c>; null outside the runtime.</summary>
    private static string? FolderOf(string? ns)
    {
        if (ns is null || !ns.StartsWith(RuntimeNamespace, StringComparison.Ordinal) || ns.StartsWith("Gateway.Runtime.Tests", StringComparison.Ordinal)) return null;
        var rest = ns[RuntimeNamespace.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The platform (ASP.NET Core included) and the runtime's packages, as this test process loaded them; not the runtime itself.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .Where(p => !Path.GetFileName(p).StartsWith("Gateway.", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
