using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;

namespace Gateway.Benchmarks;

/// <summary>
/// <see cref="WeightedTable.Pick"/> is on the hot path of every weighted route (SPEC §5): it must be
/// O(1) and allocation-free whatever the number of targets.
/// </summary>
[MemoryDiagnoser]
public class WeightedTableBenchmarks
{
    private WeightedTable _table = null!;
    private Random _random = null!;

    /// <summary>Shapes seen in real configs: 70/30 canary, four equal, sixteen uneven.</summary>
    [Params("70/30", "4 equal", "16 uneven")]
    public string Weights { get; set; } = "70/30";

    [GlobalSetup]
    public void Setup()
    {
        int[] weights = Weights switch
        {
            "70/30" => [70, 30],
            "4 equal" => [1, 1, 1, 1],
            _ => [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1, 1, 2, 3, 1000],
        };
        _table = WeightedTable.Build(weights);
        _random = new Random(42);
    }

    [Benchmark]
    public int Pick() => _table.Pick(_random);

    /// <summary>The shared, thread-safe generator the runtime may use instead of a per-thread one.</summary>
    [Benchmark]
    public int PickShared() => _table.Pick(Random.Shared);
}
