namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// One window's additions (tokens or micro-USD) on this replica: what was added and not yet sent
/// (pending), what is being sent, and the window's total Redis answered last time.
/// Amounts that could not be sent go back to pending, so nothing is lost while Redis is away.
/// </summary>
internal sealed class UsageCounter
{
    /// <summary>Set by <see cref="TryRetire"/> once the window is over and everything was sent: the counter is leaving the table.</summary>
    private const long Retired = long.MinValue;

    private long _pending;
    private long _inFlight;
    private long _global = -1;

    public UsageCounter(WindowCounter counter, string redisKey, long expireAtMs)
    {
        Counter = counter;
        RedisKey = redisKey;
        ExpireAtMs = expireAtMs;
    }

    /// <summary>The window this counts (its key in the batcher's table).</summary>
    public WindowCounter Counter { get; }

    public string RedisKey { get; }

    public long ExpireAtMs { get; }

    /// <summary>False when the counter was retired: the caller adds to a fresh one instead.</summary>
    public bool TryAdd(long amount)
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending == Retired)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _pending, pending + amount, pending) == pending)
            {
                return true;
            }
        }
    }

    /// <summary>Added here and not yet confirmed by Redis (pending plus in flight).</summary>
    public long Unsent
    {
        get
        {
            var pending = Volatile.Read(ref _pending);
            return (pending == Retired ? 0 : pending) + Volatile.Read(ref _inFlight);
        }
    }

    /// <summary>The window's total in Redis when it last answered, or −1 when it never did.</summary>
    public long Global => Volatile.Read(ref _global);

    /// <summary>Moves the pending amount to in flight for one send (0 when nothing is pending: the send only reads).</summary>
    public long BeginSend()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending == Retired)
            {
                return 0;
            }
            if (Interlocked.CompareExchange(ref _pending, 0, pending) == pending)
            {
                Interlocked.Add(ref _inFlight, pending);
                return pending;
            }
        }
    }

    /// <summary>Redis counted <paramref name="sent"/> and answered the window's <paramref name="total"/>.</summary>
    public void Sent(long sent, long total)
    {
        // The total first: for a moment the amount is counted twice (a reading too high, never too low).
        Volatile.Write(ref _global, total);
        Interlocked.Add(ref _inFlight, -sent);
    }

    /// <summary>The send failed: the amount is pending again and goes with the next flush.</summary>
    public void NotSent(long sent)
    {
        TryAdd(sent);
        Interlocked.Add(ref _inFlight, -sent);
    }

    /// <summary>Retires the counter when nothing is pending or in flight; an <see cref="TryAdd"/> after this fails.</summary>
    public bool TryRetire() =>
        Volatile.Read(ref _inFlight) == 0 && Interlocked.CompareExchange(ref _pending, Retired, 0) == 0;
}
