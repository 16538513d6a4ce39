namespace Gateway.Runtime.Routing;

/// <summary>
/// Vose alias table over integer weights, precomputed by the generator, so a weighted pick is O(1):
/// one uniform column, one uniform integer, one comparison. Integer arithmetic keeps the shares exact
/// (no floating-point drift for weights like 70/30).
/// </summary>
public sealed class WeightedTable
{
    private readonly long[] _threshold;
    private readonly int[] _alias;
    private readonly long _total;

    /// <param name="threshold">Per column: pick the column itself when the draw in [0, total) is below this.</param>
    /// <param name="alias">Per column: the index picked otherwise.</param>
    /// <param name="total">Sum of the weights.</param>
    public WeightedTable(long[] threshold, int[] alias, long total)
    {
        _threshold = threshold;
        _alias = alias;
        _total = total;
    }

    public int Count => _alias.Length;

    /// <summary>Picks an index with probability weight/total.</summary>
    public int Pick(Random random)
    {
        var column = random.Next(_alias.Length);
        return random.NextInt64(_total) < _threshold[column] ? column : _alias[column];
    }

    /// <summary>
    /// Builds the table. The generator runs the same algorithm at build time and emits the arrays;
    /// this is here for tests and for callers that build definitions by hand.
    /// </summary>
    public static WeightedTable Build(IReadOnlyList<int> weights)
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
        foreach (var i in small) threshold[i] = total; // only reachable through rounding; none with integers
        return new WeightedTable(threshold, alias, total);
    }
}
