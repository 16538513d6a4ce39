namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// One window's additions (tokens or micro-USD) on this replica: what was added and not yet sent
/// (pending), what is being sent, and the window's total Redis answered last time. Each batch sent has a
/// sequence number; a batch whose answer did not come (Redis away, or a timeout after Redis may have
/// applied it) stays in doubt and is sent again with the same number, which Redis recognises: nothing is
/// lost while Redis is away and nothing is counted twice when only its answer was lost. One flush at a
/// time (the batcher's), so the batch fields need no atomics.
/// </summary>
internal sealed class UsageCounter
{
    /// <summary>Set by <see cref="TryRetire"/> once the window is over and everything was sent: the counter is leaving the table.</summary>
    private const long Retired = long.MinValue;

    private long _pending;
    private long _inFlight;
    private long _global = -1;
    private long _lastSequence;
    private long _doubtSequence; // 0: no batch in doubt
    private long _doubtAmount;

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

    /// <summary>A batch got no answer and may have been applied: it goes again, as itself, before anything newer.</summary>
    public bool InDoubt => _doubtSequence != 0;

    /// <summary>
    /// The next batch: the one in doubt again, else the pending amount moved to in flight under a new
    /// sequence number. Amount 0 with sequence 0 when nothing is pending: the send only reads the total.
    /// </summary>
    public long BeginSend(out long sequence)
    {
        if (_doubtSequence != 0)
        {
            sequence = _doubtSequence;
            return _doubtAmount;
        }
        return BeginPending(out sequence);
    }

    /// <summary>The pending amount under a new sequence number (0 and 0 when nothing is pending).</summary>
    public long BeginPending(out long sequence)
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending is Retired or 0)
            {
                sequence = 0;
                return 0;
            }
            if (Interlocked.CompareExchange(ref _pending, 0, pending) == pending)
            {
                Interlocked.Add(ref _inFlight, pending);
                sequence = ++_lastSequence;
                return pending;
            }
        }
    }

    /// <summary>Redis counted batch <paramref name="sequence"/> (once) and answered the window's <paramref name="total"/>.</summary>
    public void Sent(long sent, long sequence, long total)
    {
        if (sequence != 0 && sequence == _doubtSequence)
        {
            _doubtSequence = 0;
            _doubtAmount = 0;
        }
        // The total first: for a moment the amount is counted twice (a reading too high, never too low).
        Volatile.Write(ref _global, total);
        Interlocked.Add(ref _inFlight, -sent);
    }

    /// <summary>
    /// No answer for batch <paramref name="sequence"/>. <paramref name="maybeApplied"/> (it was written, e.g. a
    /// timeout): it stays in flight, in doubt, and goes again under its number. Otherwise (never written,
    /// Redis unreachable) it is pending again, unless it was the batch in doubt, which stays so.
    /// </summary>
    public void NotSent(long sent, long sequence, bool maybeApplied)
    {
        if (sequence == 0 || sequence == _doubtSequence)
        {
            return;
        }
        if (maybeApplied)
        {
            _doubtSequence = sequence;
            _doubtAmount = sent;
            return;
        }
        TryAdd(sent);
        Interlocked.Add(ref _inFlight, -sent);
    }

    /// <summary>Retires the counter when nothing is pending or in flight; an <see cref="TryAdd"/> after this fails.</summary>
    public bool TryRetire() =>
        _doubtSequence == 0 && Volatile.Read(ref _inFlight) == 0 && Interlocked.CompareExchange(ref _pending, Retired, 0) == 0;
}
