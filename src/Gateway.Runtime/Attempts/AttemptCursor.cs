using Gateway.Runtime.Model;

namespace Gateway.Runtime.Attempts;

/// <summary>
/// Walks a route's attempts lazily (SPEC §5), so the no-failure path allocates nothing and a weighted
/// pick is made only when its step is reached:
/// steps are a fallback chain; inside a step <c>single</c> takes its target, <c>weighted</c>/<c>experiment</c>
/// pick one from the generator's alias table (O(1)), <c>fallback</c> takes every target in declared order;
/// each target is tried 1 + <c>max_retries</c> times. When more than one target was tried and all failed,
/// the first is tried once more ("degraded mode"), then the cursor is exhausted.
/// A mutable struct: copy it to look ahead without consuming (the forwarder does, to decide whether an
/// SSE response is worth peeking at).
/// </summary>
internal struct AttemptCursor
{
    private readonly StepDefinition[]? _steps; // null: passthrough, one attempt
    private readonly Random? _random;
    private readonly int _tries;
    private int _step;
    private int _slot;
    private int _retry;
    private int _distinct;
    private PlannedAttempt _first;
    private PlannedAttempt _current;
    private bool _done;

    public AttemptCursor(RouteDefinition route, Random random)
    {
        _steps = route.Steps;
        _random = random;
        _tries = 1 + Math.Max(0, route.Retry.MaxRetries);
    }

    /// <summary>A passthrough request: exactly one attempt (the caller's key, one provider).</summary>
    public static AttemptCursor Passthrough() => default;

    /// <summary>The first attempt.</summary>
    public PlannedAttempt Start()
    {
        if (_steps is null)
        {
            _done = true;
            return default;
        }
        _first = EnterStep(0);
        return _first;
    }

    /// <summary>
    /// The attempt after a failed one. <paramref name="retrySameTarget"/> false skips the current target's
    /// remaining retries (its Retry-After is too long, or the backoff would pass the deadline).
    /// </summary>
    public bool TryAdvance(bool retrySameTarget, out PlannedAttempt attempt)
    {
        attempt = default;
        if (_done || _steps is null)
        {
            return false;
        }
        if (_current.Degraded)
        {
            _done = true;
            return false;
        }
        if (retrySameTarget && _retry + 1 < _tries)
        {
            _retry++;
            attempt = _current = _current with { Retry = _retry };
            return true;
        }
        var step = _steps[_step];
        if (step.Strategy == StrategyKind.Fallback && _slot + 1 < step.Targets.Length)
        {
            attempt = Enter(step, _slot + 1);
            return true;
        }
        if (_step + 1 < _steps.Length)
        {
            attempt = EnterStep(_step + 1);
            return true;
        }
        if (_distinct > 1)
        {
            // Every target failed: one more try of the first (it may have recovered meanwhile).
            attempt = _current = _first with { Retry = 0, Degraded = true };
            return true;
        }
        _done = true;
        return false;
    }

    private PlannedAttempt EnterStep(int index)
    {
        _step = index;
        var step = _steps![index];
        var slot = step.Strategy switch
        {
            StrategyKind.Weighted or StrategyKind.Experiment => step.Weights is { } weights ? weights.Pick(_random!) : _random!.Next(step.Targets.Length),
            StrategyKind.Single or StrategyKind.Fallback => 0,
            _ => throw new InvalidOperationException("Unknown strategy " + step.Strategy + "."),
        };
        return Enter(step, slot);
    }

    private PlannedAttempt Enter(StepDefinition step, int slot)
    {
        _slot = slot;
        _retry = 0;
        _distinct++;
        _current = new PlannedAttempt(step.Targets[slot], 0, step.Strategy == StrategyKind.Experiment);
        return _current;
    }
}
