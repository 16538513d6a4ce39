using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// Additions (tokens, micro-USD) batched per window: <see cref="Add"/> only touches this process, and
/// <see cref="FlushAsync"/> sends every window's pending amount in one pipeline of small scripts (one per
/// key, so the batch costs one round trip), reading each window's total back from the reply. Windows
/// that were only read (<see cref="Reading"/>) are refreshed by the same pipeline with an amount of 0.
/// </summary>
internal sealed class UsageBatcher
{
    /// <summary>How long after its window a key lives in Redis (and a counter here): late additions still land.</summary>
    public const long ExpirySlackMs = 60_000;

    private readonly ConcurrentDictionary<WindowCounter, UsageCounter> _counters = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly TimeProvider _time;
    private readonly string _replicaField;

    /// <param name="time">The clock for expiring old windows.</param>
    /// <param name="replicaField">This replica's field in every window hash (its last batch number there).</param>
    public UsageBatcher(TimeProvider time, string replicaField)
    {
        _time = time;
        _replicaField = replicaField;
    }

    public void Add(WindowCounter counter, long amount)
    {
        while (true)
        {
            var usage = For(counter);
            if (usage.TryAdd(amount))
            {
                return;
            }
            // Retired by a flush that found the window over: take it out (if the flush has not yet) and add to a new one.
            _counters.TryRemove(KeyValuePair.Create(counter, usage));
        }
    }

    /// <summary>The window's counter (created on first use, so the next flush reads its total).</summary>
    public UsageCounter Reading(WindowCounter counter) => For(counter);

    /// <summary>
    /// Sends what is pending and reads every window's total. Answers true when Redis answered every
    /// command, false when it could not be reached (amounts stay pending), null when nothing was tracked.
    /// </summary>
    public async Task<bool?> FlushAsync(IDatabaseAsync database, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = _counters.Values.ToArray();
            if (batch.Length == 0)
            {
                return null;
            }

            var (reached, confirmed) = await SendAsync(database, batch, pendingOnly: false).ConfigureAwait(false);
            // A batch that was in doubt went alone; once Redis confirmed it, what was added meanwhile follows.
            if (confirmed is not null)
            {
                reached &= (await SendAsync(database, [.. confirmed], pendingOnly: true).ConfigureAwait(false)).Reached;
            }

            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var usage in batch)
            {
                if (nowMs > usage.ExpireAtMs && usage.TryRetire())
                {
                    _counters.TryRemove(KeyValuePair.Create(usage.Counter, usage));
                }
            }
            return reached;
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// One pipeline: a script per counter, then every answer. <c>Reached</c> is false when some got none;
    /// <c>Confirmed</c> holds the counters whose batch in doubt Redis has now answered (null: none).
    /// </summary>
    private async Task<(bool Reached, List<UsageCounter>? Confirmed)> SendAsync(IDatabaseAsync database, UsageCounter[] batch, bool pendingOnly)
    {
        var amounts = new long[batch.Length];
        var sequences = new long[batch.Length];
        var doubts = new bool[batch.Length];
        var sends = new Task<RedisResult>[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            doubts[i] = !pendingOnly && batch[i].InDoubt;
            amounts[i] = pendingOnly ? batch[i].BeginPending(out sequences[i]) : batch[i].BeginSend(out sequences[i]);
            sends[i] = SendOneAsync(database, batch[i], amounts[i], sequences[i]);
        }

        var reached = true;
        List<UsageCounter>? confirmed = null;
        for (var i = 0; i < batch.Length; i++)
        {
            try
            {
                var total = (long)await sends[i].ConfigureAwait(false);
                batch[i].Sent(amounts[i], sequences[i], total);
                if (doubts[i])
                {
                    (confirmed ??= []).Add(batch[i]);
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                batch[i].NotSent(amounts[i], sequences[i], MaybeApplied(exception));
                reached = false;
            }
        }
        return (reached, confirmed);
    }

    /// <summary>
    /// Whether a failed command may still have run: only a command that could not be written at all
    /// (no connection: StackExchange.Redis fails fast while disconnected) certainly did not.
    /// </summary>
    private static bool MaybeApplied(Exception exception) =>
        exception is not RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection };

    /// <summary>
    /// One command of the pipeline. Async so that a client that throws at the call (not in the task)
    /// still gives a faulted task, and the amount goes back to pending instead of staying in flight.
    /// </summary>
    private async Task<RedisResult> SendOneAsync(IDatabaseAsync database, UsageCounter usage, long amount, long sequence) =>
        await database.ScriptEvaluateAsync(RedisScripts.Add, [usage.RedisKey], [amount, usage.ExpireAtMs, _replicaField, sequence]).ConfigureAwait(false);

    private UsageCounter For(WindowCounter counter) =>
        _counters.TryGetValue(counter, out var usage)
            ? usage
            : _counters.GetOrAdd(counter, static c => new UsageCounter(c, RedisLimitStore.KeyFor(c), c.WindowEndMs + ExpirySlackMs));
}
