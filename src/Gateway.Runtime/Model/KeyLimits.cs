namespace Gateway.Runtime.Model;

/// <summary>A gateway key's limits (SPEC §11); null means unlimited.</summary>
public sealed class KeyLimits(int? requestsPerMinute, long? tokensPerMinute, decimal? budgetUsd, BudgetPeriod budgetPeriod)
{
    public static KeyLimits None { get; } = new(null, null, null, BudgetPeriod.None);

    public int? RequestsPerMinute { get; } = requestsPerMinute;
    public long? TokensPerMinute { get; } = tokensPerMinute;
    public decimal? BudgetUsd { get; } = budgetUsd;

    /// <summary><see cref="BudgetUsd"/> in the integer micro-USD a store counts (rounded up), computed once rather than per request.</summary>
    public long? BudgetMicroUsd { get; } = budgetUsd is { } usd ? (long)Math.Ceiling(usd * 1_000_000m) : null;

    /// <summary><see cref="BudgetPeriod.None"/> exactly when <see cref="BudgetUsd"/> is null.</summary>
    public BudgetPeriod BudgetPeriod { get; } = budgetPeriod;

    /// <summary>Does answering a request need the upstream's token usage (a token window or a budget)?</summary>
    public bool CountsUsage => TokensPerMinute is not null || BudgetUsd is not null;

    public bool Any => RequestsPerMinute is not null || CountsUsage;
}

