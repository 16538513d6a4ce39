using System.Collections.Generic;

namespace Gateway.Shared;

/// <summary>
/// Vose's alias method over integer weights: the generator runs it at build time and emits the
/// arrays; the runtime's <c>WeightedTable.Build</c> uses it for hand-built tables (tests). One
/// source file, compiled into both assemblies (netstandard2.0 and net10.0), so the two cannot drift.
/// Integer arithmetic keeps the shares exact: column i is itself with probability threshold[i]/total.
/// </summary>
internal static class AliasTableBuilder
{
    public static (long[] Threshold, int[] Alias, long Total) Build(IReadOnlyList<int> weights)
    {
        var n = weights.Count;
        long total = 0;
        foreach (var w in weights) total += w;
        var scaled = new long[n];
        var threshold = new long[n];
        var alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            scaled[i] = (long)weights[i] * n;
            alias[i] = i;
            (scaled[i] < total ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            threshold[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= total - scaled[s];
            (scaled[l] < total ? small : large).Push(l);
        }
        // Leftovers keep their own column: with integer weights they are exactly full.
        foreach (var i in large) threshold[i] = total;
        foreach (var i in small) threshold[i] = total;
        return (threshold, alias, total);
    }
}
