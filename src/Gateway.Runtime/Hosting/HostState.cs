using Gateway.Runtime.Model;

namespace Gateway.Runtime.Hosting;

/// <summary>The host's own state: the <c>/v1/models</c> answers, the requests in flight and the draining flag (P3).</summary>
internal sealed class HostState(CompiledGateway gateway)
{
    private volatile bool _draining;

    public ModelsDocument Models { get; } = new(gateway.ModelListings);

    /// <summary>Forwarded requests still running; the drain waits for them (P3).</summary>
    public InFlightRequests InFlight { get; } = new();

    /// <summary>Set when the host begins shutting down: <c>/health/ready</c> answers 503.</summary>
    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }
}
