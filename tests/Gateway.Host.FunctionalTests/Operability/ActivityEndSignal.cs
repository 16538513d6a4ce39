using System.Diagnostics;
using OpenTelemetry;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// Completes when a span matching the predicate ends. The gateway ends its request span after the response
/// has been written, so the client can see the response first: tests await this instead of sleeping.
/// </summary>
internal sealed class ActivityEndSignal(Func<Activity, bool> predicate) : BaseProcessor<Activity>
{
    private readonly TaskCompletionSource<Activity> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Activity> Ended => _ended.Task;

    public override void OnEnd(Activity data)
    {
        if (predicate(data))
        {
            _ended.TrySetResult(data);
        }
    }
}
