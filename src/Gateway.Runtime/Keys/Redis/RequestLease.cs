namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// This replica's share of one key's request window, taken from Redis in leases (docs/limits.md,
/// "Shared store (Redis)"). Requests are admitted from <see cref="_remaining"/> with one compare-and-swap,
/// no lock and no round trip; a refresh is started in the background when half the last lease is used,
/// and only a request that finds the lease empty waits for one. At most one refresh runs at a time.
/// </summary>
internal sealed class RequestLease
{
    private readonly object _refreshGate = new();
    private long _remaining;
    private long _lastGrant;
    private long _knownTotal = -1;
    private volatile bool _exhausted;
    private Task<bool>? _refresh;
    private long _sequence;
    private bool _inDoubt; // the last lease script got no answer: the next one asks again with its number

    public RequestLease(string redisKey, long limit, long windowStartMs, long expireAtMs)
    {
        RedisKey = redisKey;
        Limit = limit;
        WindowStartMs = windowStartMs;
        ExpireAtMs = expireAtMs;
    }

    public string RedisKey { get; }

    /// <summary>The window's limit (compiled from the config, so the same for every request of the key).</summary>
    public long Limit { get; }

    public long WindowStartMs { get; }

    public long ExpireAtMs { get; }

    /// <summary>Redis said the window has nothing left: no grant will come any more, so an empty lease means at limit.</summary>
    public bool Exhausted => _exhausted;

    public long Remaining => Volatile.Read(ref _remaining);

    /// <summary>The window's total in Redis after the last grant (every replica's leases), or −1 before the first.</summary>
    public long KnownTotal => Volatile.Read(ref _knownTotal);

    /// <summary>The number of the lease being asked for: Redis answers a repeated number with the grant it recorded for it.</summary>
    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>Takes one request from the lease; <paramref name="refreshNow"/> says the lease is half used and no refresh runs.</summary>
    public bool TryTake(out bool refreshNow)
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining <= 0)
            {
                refreshNow = false;
                return false;
            }
            if (Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
            {
                refreshNow = !_exhausted
                    && remaining - 1 <= Volatile.Read(ref _lastGrant) / 2
                    && Volatile.Read(ref _refresh) is null;
                return true;
            }
        }
    }

    /// <summary>
    /// Joins the refresh under way or starts one with <paramref name="takeLease"/> (which answers the grant
    /// and Redis's total, or null when Redis could not be reached). The task answers whether Redis answered.
    /// The grant is added when it arrives even if every waiter gave up: a granted request is never lost
    /// while the window lasts.
    /// </summary>
    public Task<bool> RefreshAsync(Func<RequestLease, Task<(long Grant, long Total)?>> takeLease)
    {
        lock (_refreshGate)
        {
            if (_refresh is { } running)
            {
                return running;
            }
            var refresh = RunRefreshAsync(takeLease);
            // A refresh that completed synchronously already cleared the field (the lock is re-entrant).
            if (!refresh.IsCompleted)
            {
                _refresh = refresh;
            }
            return refresh;
        }
    }

    private async Task<bool> RunRefreshAsync(Func<RequestLease, Task<(long Grant, long Total)?>> takeLease)
    {
        try
        {
            // One refresh at a time: a lease whose answer was lost is asked for again under its number
            // (Redis may have granted it), any other under a new one.
            if (!_inDoubt)
            {
                Volatile.Write(ref _sequence, _sequence + 1);
            }
            if (await takeLease(this).ConfigureAwait(false) is not var (grant, total))
            {
                _inDoubt = true;
                return false;
            }
            _inDoubt = false;
            Volatile.Write(ref _knownTotal, total);
            Volatile.Write(ref _lastGrant, grant);
            if (grant > 0)
            {
                Interlocked.Add(ref _remaining, grant);
            }
            else
            {
                _exhausted = true;
            }
            return true;
        }
        finally
        {
            lock (_refreshGate)
            {
                _refresh = null;
            }
        }
    }
}
