namespace Gateway.Runtime.Tests.Architecture;

/// <summary>The runtime's folders are layers along a request's journey (docs/architecture.md): no cycle between them.</summary>
public sealed class FolderDependencyTests
{
    private static readonly Lazy<RuntimeFolderGraph> Graph = new(RuntimeFolderGraph.Build);

    [Fact]
    public void NoRuntimeFolder_UsesAFolderThatUsesItBack()
    {
        var cycles = Graph.Value.Cycles();
        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheGraphIsReadFromTheSources_TheForwarderUsesTheRelay_AndNotTheOtherWay()
    {
        // A guard for the test above: an empty graph (nothing bound) would also have no cycle.
        var edges = Graph.Value.Edges;
        Assert.Contains("Relay", edges["Forwarding"].Keys);
        Assert.Contains("Model", edges["Relay"].Keys);
        Assert.DoesNotContain("Forwarding", edges["Relay"].Keys);
        Assert.DoesNotContain("Hosting", edges.Where(e => e.Key != "Hosting").SelectMany(e => e.Value.Keys));
    }
}
