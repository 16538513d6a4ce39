using Gateway.Runtime.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// Graceful drain (RELIABILITY P3): on SIGTERM readiness turns 503 while Kestrel is still listening (load
/// balancers see it), and the server is only stopped once every in-flight request and stream has finished,
/// or when <c>HostOptions.ShutdownTimeout</c> (<c>shutdown_drain_ms</c>) runs out, whichever comes first.
/// The wait is in <see cref="StoppingAsync"/>: the host runs every lifecycle service's StoppingAsync before
/// it stops any hosted service, the web server included. (Relying on registration order was not enough:
/// the web server could stop first, and new connections were then reset during the drain.)
/// </summary>
internal sealed class DrainService(GatewayRuntime runtime, ILogger<DrainService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!runtime.Draining)
        {
            runtime.Draining = true;
            GatewayLog.Draining(logger);
        }
        var inFlight = runtime.InFlight.Count;
        try
        {
            await runtime.InFlight.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            HostingLog.Drained(logger, inFlight);
        }
        catch (OperationCanceledException)
        {
            // The drain deadline: the server's own stop now aborts whatever is left.
            HostingLog.DrainDeadline(logger, runtime.InFlight.Count);
        }
    }
}
