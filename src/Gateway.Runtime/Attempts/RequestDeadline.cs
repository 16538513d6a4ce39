using Gateway.Runtime.Model;

namespace Gateway.Runtime.Attempts;

/// <summary>
/// The time a request may spend before its response starts (RELIABILITY R12). Rule: twice the longest
/// attempt timeout among the route's targets (passthrough: its one timeout). That is one full attempt
/// plus one full fallback, however many targets and retries the route declares: a caller is not kept
/// waiting for headers for <c>targets × (1 + max_retries) × timeout</c>. Every attempt's timeout is
/// clamped to what is left, a backoff that would end past the deadline is not slept (the next target
/// is tried at once instead, or the last error returned), and no attempt starts once it has passed.
/// Once the response has started the deadline no longer applies: a stream is bounded by the idle
/// timeout between chunks, not by its total length.
/// </summary>
internal readonly struct RequestDeadline
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly TimeSpan _budget;

    public RequestDeadline(TimeProvider time, long startTimestamp, TimeSpan budget)
    {
        _time = time;
        _start = startTimestamp;
        _budget = budget;
    }

    public TimeSpan Budget => _budget;

    public TimeSpan Remaining
    {
        get
        {
            var left = _budget - _time.GetElapsedTime(_start);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>An attempt's own timeout, cut to what is left of the request's.</summary>
    public TimeSpan Clamp(int attemptTimeoutMs)
    {
        var own = TimeSpan.FromMilliseconds(attemptTimeoutMs);
        var left = Remaining;
        return own < left ? own : left;
    }

    /// <summary>The budget of a managed route: 2 × its longest target timeout.</summary>
    public static TimeSpan BudgetFor(RouteDefinition route)
    {
        var longest = 0;
        foreach (var step in route.Steps)
        {
            foreach (var target in step.Targets)
            {
                longest = Math.Max(longest, target.TimeoutMs);
            }
        }
        return TimeSpan.FromMilliseconds(2.0 * longest);
    }
}
