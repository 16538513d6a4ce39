using System.Collections.Generic;

namespace Gateway.Generator.Validation;

/// <summary>
/// Vose's alias method over integer weights, computed at build time so the runtime picks in O(1).
/// Same algorithm as <c>Gateway.Runtime.Routing.WeightedTable.Build</c> (kept in step by a test).
/// </summary>
internal static class AliasTable
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
        foreach (var i in large) threshold[i] = total;
        foreach (var i in small) threshold[i] = total;
        return (threshold, alias, total);
    }
}
