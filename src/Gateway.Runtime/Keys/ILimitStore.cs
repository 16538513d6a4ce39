namespace Gateway.Runtime.Keys;

/// <summary>
/// Where gateway-key windows are counted (SPEC §11, docs/limits.md). Three primitives, so the admission
/// rules (which windows, which limit, Retry-After, headers) are written once above every store:
/// <list type="bullet">
/// <item><see cref="TryTakeAsync"/>: admit one request against a request window, exactly (never more
/// than the limit admitted in a window, summed over every replica sharing the store).</item>
/// <item><see cref="Add"/>: count usage known after the response (tokens, micro-USD); never blocks the
/// caller and never drops an amount while the store is away (it is kept and sent later).</item>
/// <item><see cref="Current"/>: the window's count as this replica knows it, including what it added
/// and has not sent yet; for a shared store it may lag other replicas by the flush interval.</item>
/// </list>
/// The memory store answers from this process. A shared store must not make one network round trip per
/// request on the hot path: it takes leases of a share of a request window and batches additions.
/// </summary>
public interface ILimitStore : IAsyncDisposable
{
    /// <summary>Take one request from <paramref name="counter"/> when fewer than <paramref name="limit"/> were taken in its window.</summary>
    ValueTask<StoreAnswer> TryTakeAsync(WindowCounter counter, long limit, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="amount"/> (≥ 0) to <paramref name="counter"/>'s window.</summary>
    void Add(WindowCounter counter, long amount);

    /// <summary>The window's count as known here, or <see cref="StoreAnswer.Unavailable"/> when a shared store was never reachable for it.</summary>
    StoreReading Current(WindowCounter counter);
}

/// <summary>One window of one key's counter: its store key is <c>{key}:{kind}:{window start}</c>.</summary>
/// <param name="KeyName">The <c>[keys.&lt;name&gt;]</c> name (bounded by the config; never the secret).</param>
/// <param name="Kind">What is counted.</param>
/// <param name="WindowStartMs">Unix milliseconds at which the window opened (UTC minute, day or month).</param>
/// <param name="WindowEndMs">Unix milliseconds at which it closes; a shared store lets the key expire after it.</param>
public readonly record struct WindowCounter(string KeyName, CounterKind Kind, long WindowStartMs, long WindowEndMs);

public enum CounterKind : byte
{
    Requests,
    Tokens,
    /// <summary>Spend in millionths of a USD (integers, so a shared store can add atomically).</summary>
    SpendMicroUsd,
}

/// <summary>What <see cref="ILimitStore.TryTakeAsync"/> answered.</summary>
public enum StoreAnswer : byte
{
    Taken,
    /// <summary>The window is at its limit.</summary>
    AtLimit,
    /// <summary>The shared store could not be reached: <c>on_store_error</c> decides.</summary>
    Unavailable,
}

/// <summary>What <see cref="ILimitStore.Current"/> read.</summary>
public readonly record struct StoreReading(bool Available, long Count)
{
    public static StoreReading Unavailable => new(false, 0);
}
