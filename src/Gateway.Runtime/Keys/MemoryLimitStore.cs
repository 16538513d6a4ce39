using System.Collections.Concurrent;

namespace Gateway.Runtime.Keys;

/// <summary>
/// <c>[limits] store = "memory"</c> (the default): every window counted in this process, exactly, with one
/// compare-and-swap per request and no lock. Nothing to reach, so never <see cref="StoreAnswer.Unavailable"/>.
/// Windows that have closed are swept when a new one opens, so memory is bounded by keys × live windows.
/// </summary>
internal sealed class MemoryLimitStore : ILimitStore
{
    private readonly ConcurrentDictionary<WindowCounter, Count> _windows = new();
    private long _nextSweepMs;

    public ValueTask<StoreAnswer> TryTakeAsync(WindowCounter counter, long limit, CancellationToken cancellationToken)
    {
        var count = Get(counter);
        while (true)
        {
            var seen = Volatile.Read(ref count.Value);
            if (seen >= limit)
            {
                return ValueTask.FromResult(StoreAnswer.AtLimit);
            }
            if (Interlocked.CompareExchange(ref count.Value, seen + 1, seen) == seen)
            {
                return ValueTask.FromResult(StoreAnswer.Taken);
            }
        }
    }

    public void Add(WindowCounter counter, long amount) => Interlocked.Add(ref Get(counter).Value, amount);

    public StoreReading Current(WindowCounter counter) =>
        new(true, _windows.TryGetValue(counter, out var count) ? Volatile.Read(ref count.Value) : 0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Count Get(in WindowCounter counter)
    {
        if (_windows.TryGetValue(counter, out var existing))
        {
            return existing;
        }
        Sweep(counter.WindowStartMs);
        return _windows.GetOrAdd(counter, static _ => new Count());
    }

    /// <summary>At most once a minute, when a window opens: forget the ones that closed.</summary>
    private void Sweep(long nowMs)
    {
        var next = Volatile.Read(ref _nextSweepMs);
        if (nowMs < next || Interlocked.CompareExchange(ref _nextSweepMs, nowMs + 60_000, next) != next)
        {
            return;
        }
        foreach (var (window, _) in _windows)
        {
            if (window.WindowEndMs <= nowMs)
            {
                _windows.TryRemove(window, out _);
            }
        }
    }

    private sealed class Count
    {
        public long Value;
    }
}
