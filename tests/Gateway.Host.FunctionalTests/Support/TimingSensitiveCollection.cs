namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Tests that assert latencies (T1's 50 ms, R06's 1 s) run alone, after the parallel ones, so a
/// concurrent `dotnet build` of the Host for the child-process tests cannot starve them of CPU on a
/// 2-core machine. They measure the gateway, not the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
