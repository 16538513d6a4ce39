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

    public UsageBatcher(TimeProvider time) => _time = time;

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

            var amounts = new long[batch.Length];
            var sends = new Task<RedisResult>[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                amounts[i] = batch[i].BeginSend();
                sends[i] = SendAsync(database, batch[i], amounts[i]);
            }

            var reached = true;
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < batch.Length; i++)
            {
                try
                {
                    var total = (long)await sends[i].ConfigureAwait(false);
                    batch[i].Sent(amounts[i], total);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    batch[i].NotSent(amounts[i]);
                    reached = false;
                    continue;
                }
                if (nowMs > batch[i].ExpireAtMs && batch[i].TryRetire())
                {
                    _counters.TryRemove(KeyValuePair.Create(batch[i].Counter, batch[i]));
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
    /// One command of the pipeline. Async so that a client that throws at the call (not in the task)
    /// still gives a faulted task, and the amount goes back to pending instead of staying in flight.
    /// </summary>
    private static async Task<RedisResult> SendAsync(IDatabaseAsync database, UsageCounter usage, long amount) =>
        await database.ScriptEvaluateAsync(RedisScripts.Add, [usage.RedisKey], [amount, usage.ExpireAtMs]).ConfigureAwait(false);

    private UsageCounter For(WindowCounter counter) =>
        _counters.TryGetValue(counter, out var usage)
            ? usage
            : _counters.GetOrAdd(counter, static c => new UsageCounter(c, RedisLimitStore.KeyFor(c), c.WindowEndMs + ExpirySlackMs));
}
