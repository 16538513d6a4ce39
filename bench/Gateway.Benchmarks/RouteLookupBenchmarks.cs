using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;

namespace Gateway.Benchmarks;

/// <summary>
/// Resolving the request's <c>model</c>: the generated <c>switch</c> over <see cref="ReadOnlySpan{T}"/>
/// (hand-written here in <see cref="BenchCompiledGateway"/>, because the real one is generated into
/// the host assembly) against a <see cref="FrozenDictionary{TKey, TValue}"/> span lookup.
/// </summary>
[MemoryDiagnoser]
public class RouteLookupBenchmarks
{
    private readonly CompiledGateway _gateway = new BenchCompiledGateway();
    private FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _frozen;
    private char[] _model = [];

    [Params("gpt-4o", "claude-sonnet-4-6", "text-embedding-3-large", "no-such-model")]
    public string Model { get; set; } = "gpt-4o";

    [GlobalSetup]
    public void Setup()
    {
        // A copy, so the switch cannot win by reference equality with an interned literal.
        _model = Model.ToCharArray();
        _frozen = BenchCompiledGateway.ChatModels
            .Select((m, i) => KeyValuePair.Create(m, i))
            .ToFrozenDictionary(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [Benchmark(Baseline = true)]
    public RouteMatch GeneratedSwitch() => _gateway.Resolve(EndpointKind.Chat, _model);

    [Benchmark]
    public int FrozenDictionary() => _frozen.TryGetValue(_model, out var index) ? index : -1;
}
