namespace Gateway.Runtime.Model;

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
    /// Builds the table with the generator's own algorithm (<see cref="Gateway.Shared.AliasTableBuilder"/>);
    /// generated code does not call this, it emits the arrays. For tests and hand-built definitions.
    /// </summary>
    public static WeightedTable Build(IReadOnlyList<int> weights)
    {
        var (threshold, alias, total) = Gateway.Shared.AliasTableBuilder.Build(weights);
        return new WeightedTable(threshold, alias, total);
    }
}
