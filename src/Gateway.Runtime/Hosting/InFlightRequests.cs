namespace Gateway.Runtime.Hosting;

/// <summary>
/// Counts forwarded requests (streams included) so a drain can end as soon as the last one finishes
/// instead of always waiting the full <c>shutdown_drain_ms</c> (RELIABILITY P3).
/// </summary>
internal sealed class InFlightRequests
{
    private int _count;
    private TaskCompletionSource? _idle;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit()
    {
        // Interlocked is a full fence: either this decrement is seen by WhenIdleAsync's read of the count,
        // or this read of _idle sees the source WhenIdleAsync published.
        if (Interlocked.Decrement(ref _count) == 0)
        {
            Volatile.Read(ref _idle)?.TrySetResult();
        }
    }

    /// <summary>Completes when no request is in flight (immediately if none is).</summary>
    public Task WhenIdleAsync()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _idle, idle);
        if (Volatile.Read(ref _count) == 0)
        {
            idle.TrySetResult();
        }
        return idle.Task;
    }
}
