namespace Gateway.Runtime.Routing;

/// <summary>How a step picks among its targets (SPEC §5).</summary>
public enum StrategyKind : byte
{
    /// <summary>The one target.</summary>
    Single,
    /// <summary>Random, proportional to integer weights (O(1) alias table).</summary>
    Weighted,
    /// <summary>Targets in declared order, then one degraded-mode retry of the first.</summary>
    Fallback,
    /// <summary>Weighted choice of variants, each with its own request overrides.</summary>
    Experiment,
}
