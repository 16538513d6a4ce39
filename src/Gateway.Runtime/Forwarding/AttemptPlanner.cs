using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Turns a route's steps into the ordered list of attempts (SPEC §5): steps are a fallback chain; in
/// each step <c>single</c> takes its target, <c>weighted</c>/<c>experiment</c> pick one (O(1) alias table),
/// <c>fallback</c> takes every target in order; each target is tried 1 + <c>max_retries</c> times. When
/// more than one target failed, the first is tried once more ("degraded mode"). The plan is only a list:
/// the forwarder stops at the first response it can return, on client abort, and once a byte was sent.
/// </summary>
internal static class AttemptPlanner
{
    public static List<PlannedAttempt> Plan(RouteDefinition route, Random random)
    {
        var plan = new List<PlannedAttempt>(4);
        var tries = 1 + Math.Max(0, route.Retry.MaxRetries);
        var distinctTargets = 0;
        foreach (var step in route.Steps)
        {
            switch (step.Strategy)
            {
                case StrategyKind.Weighted:
                case StrategyKind.Experiment:
                    var picked = step.Weights is { } weights ? weights.Pick(random) : random.Next(step.Targets.Length);
                    Add(plan, step.Targets[picked], tries, step.Strategy == StrategyKind.Experiment);
                    distinctTargets++;
                    break;
                case StrategyKind.Fallback:
                    foreach (var target in step.Targets)
                    {
                        Add(plan, target, tries, variant: false);
                        distinctTargets++;
                    }
                    break;
                default:
                    Add(plan, step.Targets[0], tries, variant: false);
                    distinctTargets++;
                    break;
            }
        }
        if (distinctTargets > 1)
        {
            var first = plan[0];
            plan.Add(first with { Retry = 0 });
        }
        return plan;
    }

    private static void Add(List<PlannedAttempt> plan, TargetDefinition target, int tries, bool variant)
    {
        for (var retry = 0; retry < tries; retry++)
        {
            plan.Add(new PlannedAttempt(target, retry, variant));
        }
    }

    /// <summary>
    /// Delay before retry <paramref name="retry"/> (≥ 1): <c>base × 2^(n−1)</c> × a random factor in
    /// [0.5, 1.0] so synchronized clients spread out; an upstream <c>Retry-After</c> of at most 60 s replaces it.
    /// </summary>
    public static TimeSpan Backoff(int retry, int backoffBaseMs, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } after && after >= TimeSpan.Zero && after <= TimeSpan.FromSeconds(60))
        {
            return after;
        }
        var exponent = Math.Min(retry - 1, 16);
        var ms = backoffBaseMs * (double)(1L << exponent) * (0.5 + (random.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>SPEC §5: statuses that move on to the next attempt.</summary>
    public static bool IsRetryableStatus(int status) => status is 429 or 500 or 502 or 503 or 504 or 529;
}
