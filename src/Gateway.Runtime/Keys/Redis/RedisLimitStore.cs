using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// The shared limit store for replicas (SPEC §11, RELIABILITY A2; design in docs/limits.md, "Shared
/// store (Redis)"). Request windows are exact across replicas without a round trip per request: each
/// replica admits from a lease of the window that one atomic script grants (<see cref="RequestLease"/>).
/// Additions are batched and flushed in the background (<see cref="UsageBatcher"/>). While Redis is
/// away, <see cref="TryTakeAsync"/> answers <see cref="StoreAnswer.Unavailable"/> within
/// <see cref="DefaultUnavailableAfter"/> once the lease is used up, additions wait in this process, and
/// StackExchange.Redis reconnects by itself.
/// </summary>
public sealed class RedisLimitStore : ILimitStore
{
    /// <summary>By default, the longest a request waits for a lease before the store counts as unreachable for it.</summary>
    public static readonly TimeSpan DefaultUnavailableAfter = TimeSpan.FromMilliseconds(250);

    /// <summary>The default time between two flushes of the additions.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The largest grant of one lease script. A replica holds at most half its previous grant plus a new
    /// one (1.5 × this): the most a window can under-admit per quiet replica (docs/limits.md).
    /// </summary>
    internal const long MaxLease = 64;

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly Action<bool>? _availabilityChanged;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, RequestLease> _leases = new(StringComparer.Ordinal);
    private readonly UsageBatcher _usage;
    private readonly Func<RequestLease, Task<(long Grant, long Total)?>> _takeLease;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushLoop;
    private readonly TimeSpan _unavailableAfter;
    private readonly string _replicaField;
    private int _available;

    /// <param name="connection">The <c>[limits] redis</c> value: a <c>redis://</c> URL or a StackExchange.Redis configuration string.</param>
    /// <param name="availabilityChanged">
    /// Called with false when Redis stops answering and with true when it answers again: once per change,
    /// so the host logs one Warning per outage. Called on a background thread; it must not throw.
    /// </param>
    /// <param name="flushInterval">Time between two flushes of the additions; <see cref="Timeout.InfiniteTimeSpan"/> flushes only on <see cref="FlushAsync"/>.</param>
    /// <param name="time">The clock for expiring old windows (tests).</param>
    /// <param name="unavailableAfter">
    /// How long a request with an empty lease waits for Redis before it is answered <see cref="StoreAnswer.Unavailable"/>
    /// (<see cref="DefaultUnavailableAfter"/> unless given).
    /// </param>
    public RedisLimitStore(string connection, Action<bool>? availabilityChanged = null, TimeSpan? flushInterval = null, TimeProvider? time = null, TimeSpan? unavailableAfter = null)
    {
        _unavailableAfter = unavailableAfter ?? DefaultUnavailableAfter;
        var options = RedisConnectionString.Parse(connection);
        Endpoint = RedisConnectionString.Describe(options);
        _availabilityChanged = availabilityChanged;
        _time = time ?? TimeProvider.System;
        // A replica's own field in every window hash: its batches and leases are numbered there (RedisScripts).
        _replicaField = "r:" + Guid.NewGuid().ToString("N");
        _usage = new UsageBatcher(_time, _replicaField);
        _takeLease = TakeLeaseAsync;
        _connection = ConnectionMultiplexer.Connect(options);
        _database = _connection.GetDatabase();
        _available = _connection.IsConnected ? 1 : 0;
        if (_available == 0)
        {
            _availabilityChanged?.Invoke(false);
        }
        _flushLoop = (flushInterval ?? DefaultFlushInterval) == Timeout.InfiniteTimeSpan
            ? Task.CompletedTask
            : FlushLoopAsync(flushInterval ?? DefaultFlushInterval, _stopping.Token);
    }

    /// <summary>The hash field of a window key that holds its count.</summary>
    public const string TotalField = RedisScripts.TotalField;

    /// <summary>Where the store connects, without the password (for logs).</summary>
    public string Endpoint { get; }

    /// <summary>Whether Redis answered the last command.</summary>
    public bool Available => Volatile.Read(ref _available) == 1;

    /// <summary>
    /// The Redis key of a window: <c>gateway:{key}:{kind}:{window start ms}</c>, a hash whose field
    /// <see cref="TotalField"/> is the window's count (one field per replica besides, for its batch numbers).
    /// </summary>
    public static string KeyFor(WindowCounter counter) =>
        $"gateway:{counter.KeyName}:{KindName(counter.Kind)}:{counter.WindowStartMs}";

    /// <inheritdoc />
    public ValueTask<StoreAnswer> TryTakeAsync(WindowCounter counter, long limit, CancellationToken cancellationToken)
    {
        var lease = LeaseFor(counter, limit);
        if (lease.TryTake(out var refreshNow))
        {
            if (refreshNow)
            {
                _ = lease.RefreshAsync(_takeLease);
            }
            return new ValueTask<StoreAnswer>(StoreAnswer.Taken);
        }
        return TakeSlowAsync(lease, cancellationToken);
    }

    /// <inheritdoc />
    public void Add(WindowCounter counter, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount > 0)
        {
            _usage.Add(counter, amount);
        }
    }

    /// <inheritdoc />
    public StoreReading Current(WindowCounter counter)
    {
        if (counter.Kind == CounterKind.Requests && _leases.TryGetValue(counter.KeyName, out var lease)
            && lease.WindowStartMs == counter.WindowStartMs && lease.KnownTotal >= 0)
        {
            // Every replica's leases count as taken; this replica's unused share does not.
            return new StoreReading(true, lease.KnownTotal - lease.Remaining);
        }

        var usage = _usage.Reading(counter);
        var global = usage.Global;
        if (global >= 0)
        {
            return new StoreReading(true, global + usage.Unsent);
        }
        // Never read yet: what this replica added, while Redis is there (the next flush reads the total).
        return Available ? new StoreReading(true, usage.Unsent) : StoreReading.Unavailable;
    }

    /// <summary>Sends the pending additions now and reads back the totals (the background loop does this every flush interval).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (await _usage.FlushAsync(_database, cancellationToken).ConfigureAwait(false) is { } reached)
        {
            MarkAvailable(reached);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _flushLoop.ConfigureAwait(false);
        // Last chance for the additions of this process; bounded by the command timeout when Redis is away.
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await _connection.CloseAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async ValueTask<StoreAnswer> TakeSlowAsync(RequestLease lease, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (lease.Exhausted)
            {
                // No grant comes after Redis said the window is full: what is left here is final.
                return lease.TryTake(out _) ? StoreAnswer.Taken : StoreAnswer.AtLimit;
            }

            bool reached;
            try
            {
                reached = await lease.RefreshAsync(_takeLease).WaitAsync(_unavailableAfter, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                reached = false;
            }
            if (lease.TryTake(out var refreshNow))
            {
                if (refreshNow)
                {
                    _ = lease.RefreshAsync(_takeLease);
                }
                return StoreAnswer.Taken;
            }
            if (!reached)
            {
                return StoreAnswer.Unavailable;
            }
        }
    }

    private async Task<(long Grant, long Total)?> TakeLeaseAsync(RequestLease lease)
    {
        // A tenth of the limit at most, so a small limit is still shared between several replicas.
        var maxLease = Math.Clamp(lease.Limit / 10, 1, MaxLease);
        try
        {
            var reply = (RedisResult[])(await _database.ScriptEvaluateAsync(
                RedisScripts.Lease,
                [lease.RedisKey],
                [lease.Limit, maxLease, lease.ExpireAtMs, _replicaField, lease.Sequence]).ConfigureAwait(false))!;
            MarkAvailable(true);
            return ((long)reply[0], (long)reply[1]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            MarkAvailable(false);
            return null;
        }
    }

    private RequestLease LeaseFor(WindowCounter counter, long limit)
    {
        if (_leases.TryGetValue(counter.KeyName, out var lease) && lease.WindowStartMs >= counter.WindowStartMs)
        {
            // Same window (or a request that computed the previous one a moment before the boundary: it
            // counts in the new window, which only errs towards denying).
            return lease;
        }
        return NewWindow(counter, limit);
    }

    private RequestLease NewWindow(WindowCounter counter, long limit)
    {
        // A new window starts a new lease; the old lease's unused share is lost (under-admission, ≤ one lease).
        var fresh = new RequestLease(KeyFor(counter), limit, counter.WindowStartMs, counter.WindowEndMs + UsageBatcher.ExpirySlackMs);
        return _leases.AddOrUpdate(
            counter.KeyName,
            static (_, f) => f,
            static (_, old, f) => old.WindowStartMs >= f.WindowStartMs ? old : f,
            fresh);
    }

    private void MarkAvailable(bool available)
    {
        if (Interlocked.Exchange(ref _available, available ? 1 : 0) != (available ? 1 : 0))
        {
            _availabilityChanged?.Invoke(available);
        }
    }

    private async Task FlushLoopAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await FlushAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposing: the final flush happens in DisposeAsync.
        }
    }

    private static string KindName(CounterKind kind) => kind switch
    {
        CounterKind.Requests => "requests",
        CounterKind.Tokens => "tokens",
        CounterKind.SpendMicroUsd => "spend",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
