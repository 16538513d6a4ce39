using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Gateway.Runtime.Keys;

/// <summary>
/// <c>[limits] store = "memory"</c> (the default): every window counted in this process, exactly, with one
/// compare-and-swap per request and no lock. Nothing to reach, so never <see cref="StoreAnswer.Unavailable"/>.
/// Windows that have closed are swept when a new one opens, so memory is bounded by keys × live windows.
/// </summary>
internal sealed class MemoryLimitStore : ILimitStore
{
    private readonly ConcurrentDictionary<WindowCounter, Count> _windows = new();

    // The window each (key, kind) used last: a request finds its count without hashing the window (the key
    // name is the compiled table's string, so its identity hash picks the slot). Slots only ever hold
    // windows that are in _windows: a sweep clears those it removes.
    private readonly Recent?[] _recent = new Recent?[RecentSlots];
    private const int RecentSlots = 64;
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
        new(true, Find(counter) is { } count ? Volatile.Read(ref count.Value) : 0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Count Get(in WindowCounter counter)
    {
        if (Find(counter) is { } existing)
        {
            return existing;
        }
        Sweep(counter.WindowStartMs);
        var count = _windows.GetOrAdd(counter, static _ => new Count());
        Volatile.Write(ref _recent[Slot(counter)], new Recent(counter, count));
        return count;
    }

    private Count? Find(in WindowCounter counter)
    {
        var recent = Volatile.Read(ref _recent[Slot(counter)]);
        if (recent is not null && recent.Counter.WindowStartMs == counter.WindowStartMs && recent.Counter.Kind == counter.Kind
            && ReferenceEquals(recent.Counter.KeyName, counter.KeyName))
        {
            return recent.Count;
        }
        if (!_windows.TryGetValue(counter, out var count))
        {
            return null;
        }
        Volatile.Write(ref _recent[Slot(counter)], new Recent(counter, count));
        return count;
    }

    private static int Slot(in WindowCounter counter) =>
        (RuntimeHelpers.GetHashCode(counter.KeyName) * 3 + (int)counter.Kind) & (RecentSlots - 1);

    /// <summary>At most once a minute, when a window opens: forget the ones that closed.</summary>
    private void Sweep(long nowMs)
    {
        var next = Volatile.Read(ref _nextSweepMs);
        if (nowMs < next || Interlocked.CompareExchange(ref _nextSweepMs, nowMs + 60_000, next) != next)
        {
            return;
        }
        for (var i = 0; i < _recent.Length; i++)
        {
            if (Volatile.Read(ref _recent[i]) is { } recent && recent.Counter.WindowEndMs <= nowMs)
            {
                Volatile.Write(ref _recent[i], null);
            }
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

    private sealed record Recent(WindowCounter Counter, Count Count);
}
