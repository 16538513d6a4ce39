using Gateway.Runtime.Attempts;
using Gateway.Runtime.Model;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Runtime.Tests.Attempts;

/// <summary>The cursor and <see cref="AttemptPlanner.TryScheduleNext"/>: seeded randomness, a fake clock, no sleeps.</summary>
public sealed class AttemptSchedulingTests
{
    private static readonly ProviderDefinition P = new(0, "p", "http://127.0.0.1:1/v1", AuthScheme.None, "", [], 1000, ["a"]);

    private static TargetDefinition Target(string name, int timeoutMs = 1000) => new(name, P, "a", -1, 1, timeoutMs);

    private static RouteDefinition Route(RetrySettings retry, params StepDefinition[] steps) => new(0, "r", RouteKind.Route, EndpointKind.Chat, steps, retry);

    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(5);

    [Fact]
    public void DegradedMode_AfterEveryFallbackTargetFailed_TriesTheFirstOnceMore_ThenStops()
    {
        var route = Route(new RetrySettings(0, 1), new StepDefinition(StrategyKind.Fallback, [Target("a"), Target("b"), Target("c")]));
        var cursor = new AttemptCursor(route, new Random(1));
        var seen = new List<string> { cursor.Start().Target!.Name };
        while (AttemptPlanner.TryScheduleNext(ref cursor, null, route.Retry, new Random(1), Plenty, out var next, out var delay))
        {
            Assert.Equal(TimeSpan.Zero, delay); // moving to another target never waits
            seen.Add(next.Target!.Name + (next.Degraded ? "*" : ""));
        }
        Assert.Equal(["a", "b", "c", "a*"], seen);
    }

    [Fact]
    public void SingleTarget_WithRetries_HasNoDegradedAttempt()
    {
        var route = Route(new RetrySettings(2, 0), new StepDefinition(StrategyKind.Single, [Target("a")]));
        Assert.Equal(["a/0", "a/1", "a/2"], AttemptPlanner.Plan(route, new Random(1)).Select(p => $"{p.Target!.Name}/{p.Retry}"));
    }

    [Fact]
    public void Passthrough_IsExactlyOneAttempt()
    {
        var cursor = AttemptCursor.Passthrough();
        Assert.Null(cursor.Start().Target);
        Assert.False(cursor.TryAdvance(retrySameTarget: true, out _));
    }

    [Fact]
    public void Steps_EachStepUsesItsOwnStrategy_AndWeightedPicksOnlyWhenReached()
    {
        var route = Route(new RetrySettings(0, 0),
            new StepDefinition(StrategyKind.Single, [Target("s")]),
            new StepDefinition(StrategyKind.Weighted, [Target("w1"), Target("w2")], WeightedTable.Build([1, 1])),
            new StepDefinition(StrategyKind.Fallback, [Target("f1"), Target("f2")]));
        var plan = AttemptPlanner.Plan(route, new Random(3));
        Assert.Equal(5, plan.Count);
        Assert.Equal("s", plan[0].Target!.Name);
        Assert.Contains(plan[1].Target!.Name, new[] { "w1", "w2" });
        Assert.Equal(["f1", "f2"], plan.Skip(2).Take(2).Select(p => p.Target!.Name));
        Assert.True(plan[4] is { Degraded: true } && plan[4].Target!.Name == "s");
        Assert.Equal(4, plan.Count(p => !p.Degraded));
    }

    [Fact]
    public void R12_RetryAfterUpTo60s_ReplacesTheBackoff()
    {
        var route = Route(new RetrySettings(2, 10_000), new StepDefinition(StrategyKind.Single, [Target("a")]));
        var cursor = new AttemptCursor(route, new Random(1));
        cursor.Start();
        Assert.True(AttemptPlanner.TryScheduleNext(ref cursor, TimeSpan.FromSeconds(3), route.Retry, new Random(1), Plenty, out var next, out var delay));
        Assert.Equal(1, next.Retry);
        Assert.Equal(TimeSpan.FromSeconds(3), delay);
    }

    [Fact]
    public void R12_RetryAfterOver60s_IsNotWaitedFor_TheNextTargetIsTriedAtOnce()
    {
        var route = Route(new RetrySettings(3, 1), new StepDefinition(StrategyKind.Fallback, [Target("a"), Target("b")]));
        var cursor = new AttemptCursor(route, new Random(1));
        cursor.Start();
        Assert.True(AttemptPlanner.TryScheduleNext(ref cursor, TimeSpan.FromSeconds(61), route.Retry, new Random(1), Plenty, out var next, out var delay));
        Assert.Equal("b", next.Target!.Name);
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void R12_RetryAfterOver60s_OnTheOnlyTarget_ReturnsTheLastError()
    {
        var route = Route(new RetrySettings(3, 1), new StepDefinition(StrategyKind.Single, [Target("a")]));
        var cursor = new AttemptCursor(route, new Random(1));
        cursor.Start();
        Assert.False(AttemptPlanner.TryScheduleNext(ref cursor, TimeSpan.FromSeconds(120), route.Retry, new Random(1), Plenty, out _, out _));
    }

    [Fact]
    public void R12_ABackoffPastTheDeadline_IsNotSlept_AndTheNextTargetIsTriedInstead()
    {
        var time = new FakeTimeProvider();
        var route = Route(new RetrySettings(2, 4_000), new StepDefinition(StrategyKind.Fallback, [Target("a", 1_000), Target("b", 1_000)]));
        var deadline = new RequestDeadline(time, time.GetTimestamp(), RequestDeadline.BudgetFor(route));
        Assert.Equal(TimeSpan.FromSeconds(2), deadline.Budget); // 2 × the longest target timeout
        var cursor = new AttemptCursor(route, new Random(1));
        cursor.Start();
        time.Advance(TimeSpan.FromMilliseconds(300)); // the first attempt failed after 300 ms

        // Backoff for retry 1 is 2000–4000 ms, more than the 1700 ms left: skip a's retries, go to b now.
        Assert.True(AttemptPlanner.TryScheduleNext(ref cursor, null, route.Retry, new Random(1), deadline.Remaining, out var next, out var delay));
        Assert.Equal(("b", 0, TimeSpan.Zero), (next.Target!.Name, next.Retry, delay));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), deadline.Clamp(1_000));

        time.Advance(TimeSpan.FromMilliseconds(1_500)); // b failed late: 200 ms left, an attempt would be clamped to it
        Assert.Equal(TimeSpan.FromMilliseconds(200), deadline.Clamp(1_000));
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        Assert.False(AttemptPlanner.TryScheduleNext(ref cursor, null, route.Retry, new Random(1), deadline.Remaining, out _, out _));
    }

    [Fact]
    public void R12_BackoffWithinTheDeadline_IsExponentialWithJitter()
    {
        var route = Route(new RetrySettings(3, 100), new StepDefinition(StrategyKind.Single, [Target("a")]));
        var random = new Random(11);
        var cursor = new AttemptCursor(route, random);
        cursor.Start();
        var delays = new List<double>();
        while (AttemptPlanner.TryScheduleNext(ref cursor, null, route.Retry, random, Plenty, out _, out var delay))
        {
            delays.Add(delay.TotalMilliseconds);
        }
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0], 50, 100);
        Assert.InRange(delays[1], 100, 200);
        Assert.InRange(delays[2], 200, 400);
    }
}
