using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// Graceful drain (RELIABILITY P3): on SIGTERM readiness turns 503 while Kestrel is still listening (load
/// balancers see it), and the server is only stopped once every in-flight request and stream has finished,
/// or when <c>shutdown_drain_ms</c> runs out, whichever comes first.
/// At that deadline the event streams still running are ended the way an upstream failure ends them, with
/// the error event and a complete response (T4), not cut by the server's stop with a reset. They get
/// <see cref="ClosingAllowance"/> for it: <c>HostOptions.ShutdownTimeout</c> is the drain plus that allowance,
/// and only then does the server abort what is left.
/// The wait is in <see cref="StoppingAsync"/>: the host runs every lifecycle service's StoppingAsync before
/// it stops any hosted service, the web server included. (Relying on registration order was not enough:
/// the web server could stop first, and new connections were then reset during the drain.)
/// </summary>
internal sealed class DrainService(GatewayRuntime runtime, HostState host, ILogger<DrainService> logger) : IHostedLifecycleService
{
    /// <summary>Time to write the error events and finish the responses: a write and a final chunk each.</summary>
    public static readonly TimeSpan ClosingAllowance = TimeSpan.FromSeconds(1);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!host.Draining)
        {
            host.Draining = true;
            GatewayLog.Draining(logger);
        }
        var inFlight = host.InFlight.Count;
        var drain = TimeSpan.FromMilliseconds(runtime.Gateway.Server.ShutdownDrainMs);
        try
        {
            await host.InFlight.WhenIdleAsync().WaitAsync(drain, runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
            HostingLog.Drained(logger, inFlight);
            return;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The drain deadline (or a host stop with a shorter timeout of its own): end the streams cleanly.
            HostingLog.DrainDeadline(logger, host.InFlight.Count);
            runtime.EndStreams();
        }
        try
        {
            await host.InFlight.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            HostingLog.Drained(logger, inFlight);
        }
        catch (OperationCanceledException)
        {
            // The server's own stop now aborts whatever is left.
            HostingLog.ClosingDeadline(logger, host.InFlight.Count);
        }
    }
}
