using Gateway.Runtime.Attempts;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Attempts;

public sealed class AttemptPlannerTests
{
    private static readonly ProviderDefinition P = new(0, "p", "http://127.0.0.1:1/v1", AuthScheme.None, "", [], 1000, ["a"]);

    private static TargetDefinition Target(string name, int weight = 1) => new(name, P, "a", -1, weight, 1000);

    private static RouteDefinition Route(RetrySettings retry, params StepDefinition[] steps) => new(0, "r", RouteKind.Route, EndpointKind.Chat, steps, retry);

    [Fact]
    public void R13_WeightedShares_AreWithinTwoPercentagePoints_Over10000Picks()
    {
        TargetDefinition[] targets = [Target("a", 70), Target("b", 20), Target("c", 10)];
        var route = Route(new RetrySettings(0, 0), new StepDefinition(StrategyKind.Weighted, targets, WeightedTable.Build([70, 20, 10])));
        var random = new Random(42);
        var counts = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        for (var i = 0; i < 10_000; i++)
        {
            counts[Assert.Single(AttemptPlanner.Plan(route, random)).Target!.Name]++;
        }
        Assert.InRange(counts["a"] / 100.0, 68, 72);
        Assert.InRange(counts["b"] / 100.0, 18, 22);
        Assert.InRange(counts["c"] / 100.0, 8, 12);
    }

    [Fact]
    public void Fallback_TriesTargetsInOrder_WithRetries_ThenTheFirstOnceMore()
    {
        var route = Route(new RetrySettings(1, 10), new StepDefinition(StrategyKind.Fallback, [Target("a"), Target("b")]));
        var plan = AttemptPlanner.Plan(route, new Random(1));
        Assert.Equal(["a/0", "a/1", "b/0", "b/1", "a/0"], plan.Select(p => $"{p.Target!.Name}/{p.Retry}"));
    }

    [Fact]
    public void Single_WithoutRetries_IsOneAttempt()
    {
        var route = Route(new RetrySettings(0, 0), new StepDefinition(StrategyKind.Single, [Target("a")]));
        Assert.Single(AttemptPlanner.Plan(route, new Random(1)));
    }

    [Fact]
    public void Steps_AreAFallbackChain_AndExperimentsMarkTheVariant()
    {
        var route = Route(new RetrySettings(0, 0),
            new StepDefinition(StrategyKind.Experiment, [Target("v1")], WeightedTable.Build([1])),
            new StepDefinition(StrategyKind.Single, [Target("z")]));
        var plan = AttemptPlanner.Plan(route, new Random(1));
        Assert.Equal(["v1", "z", "v1"], plan.Select(p => p.Target!.Name));
        Assert.True(plan[0].Variant);
        Assert.False(plan[1].Variant);
    }

    [Fact]
    public void R12_Backoff_IsExponentialWithJitter_AndRetryAfterUpTo60sWins()
    {
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(AttemptPlanner.Backoff(1, 500, null, random).TotalMilliseconds, 250, 500);
            Assert.InRange(AttemptPlanner.Backoff(3, 500, null, random).TotalMilliseconds, 1000, 2000);
        }
        Assert.Equal(TimeSpan.FromSeconds(3), AttemptPlanner.Backoff(1, 500, TimeSpan.FromSeconds(3), random));
        Assert.InRange(AttemptPlanner.Backoff(1, 500, TimeSpan.FromSeconds(61), random).TotalMilliseconds, 250, 500);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(501, false)]
    public void R09_OnlyDocumentedStatusesMoveOn(int status, bool retryable) => Assert.Equal(retryable, AttemptPlanner.IsRetryableStatus(status));
}
