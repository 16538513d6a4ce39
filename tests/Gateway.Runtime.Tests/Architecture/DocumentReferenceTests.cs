using System.Text.RegularExpressions;

namespace Gateway.Runtime.Tests.Architecture;

/// <summary>
/// Every section, property id and decision the code cites resolves inside the repository (decision D10):
/// <c>SPEC §n</c> in docs/spec.md, ids such as <c>R11</c> in docs/reliability.md, <c>Dn</c> in docs/decisions.md.
/// </summary>
public sealed partial class DocumentReferenceTests
{
    private static readonly string Root = RuntimeFolderGraph.RepositoryRoot();

    [Fact]
    public void EverySpecSectionTheCodeCites_IsASectionOfDocsSpec()
    {
        var spec = File.ReadAllText(Path.Combine(Root, "docs", "spec.md"));
        var defined = SpecSection().Matches(spec).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = Citations(SpecCitation()).Where(c => !defined.Contains(c.Id)).ToList();
        Assert.True(defined.Count >= 12, "docs/spec.md defines " + defined.Count + " sections");
        Assert.True(missing.Count == 0, "Cited but not in docs/spec.md:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryPropertyIdTheCodeCites_IsDefinedInDocsReliability()
    {
        var reliability = File.ReadAllText(Path.Combine(Root, "docs", "reliability.md"));
        var defined = ReliabilityDefinition().Matches(reliability)
            .SelectMany(m => m.Groups[1].Value.Split('/')).ToHashSet(StringComparer.Ordinal);
        var missing = Citations(ReliabilityCitation()).Where(c => !defined.Contains(c.Id)).ToList();
        Assert.Contains("R11", defined);
        Assert.True(missing.Count == 0, "Cited but not in docs/reliability.md:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryDecisionTheCodeCites_IsRecordedInDocsDecisions()
    {
        var decisions = File.ReadAllText(Path.Combine(Root, "docs", "decisions.md"));
        var defined = DecisionHeading().Matches(decisions).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = Citations(DecisionCitation()).Where(c => !defined.Contains(c.Id)).ToList();
        Assert.Contains("D12", defined);
        Assert.True(missing.Count == 0, "Cited but not in docs/decisions.md:\n" + string.Join("\n", missing));
    }

    /// <summary>Citations in comments and test names of src/ and tests/ (not in string literals, which are data).</summary>
    private static IEnumerable<(string Id, string Where)> Citations(Regex citation)
    {
        var files = new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var comment = line.IndexOf("//", StringComparison.Ordinal);
                var text = comment >= 0 ? line[comment..] : TestName().Match(line).Value;
                foreach (Match m in citation.Matches(text))
                {
                    yield return (m.Groups[1].Value, $"{Path.GetRelativePath(Root, file)}:{lineNumber}: {m.Value}");
                }
            }
        }
    }

    [GeneratedRegex(@"(?:^## |\*\*)§(\d+(?:\.\d+)?)\b", RegexOptions.Multiline)]
    private static partial Regex SpecSection();

    [GeneratedRegex(@"SPEC §(\d+(?:\.\d+)?)")]
    private static partial Regex SpecCitation();

    [GeneratedRegex(@"\*\*([ACEHPRSTX]\d{1,2}(?:/[ACEHPRSTX]\d{1,2})*)\*\*")]
    private static partial Regex ReliabilityDefinition();

    [GeneratedRegex(@"\b([ACEHPRSTX]\d{1,2})\b")]
    private static partial Regex ReliabilityCitation();

    [GeneratedRegex(@"^## (D\d+)\b", RegexOptions.Multiline)]
    private static partial Regex DecisionHeading();

    [GeneratedRegex(@"\b(?:decision |\()?(D\d{1,2})\b")]
    private static partial Regex DecisionCitation();

    [GeneratedRegex(@"void [A-Z]\d{1,2}_\w*")]
    private static partial Regex TestName();
}
