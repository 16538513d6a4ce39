namespace Gateway.Runtime.Model;

/// <summary>One link of a route's fallback chain: a strategy over its own targets.</summary>
public sealed class StepDefinition(StrategyKind strategy, TargetDefinition[] targets, WeightedTable? weights = null)
{
    public StrategyKind Strategy { get; } = strategy;
    public TargetDefinition[] Targets { get; } = targets;
    /// <summary>Alias table for <see cref="StrategyKind.Weighted"/> and <see cref="StrategyKind.Experiment"/>.</summary>
    public WeightedTable? Weights { get; } = weights;
}
