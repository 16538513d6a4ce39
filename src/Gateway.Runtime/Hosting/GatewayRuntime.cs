using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Security;

namespace Gateway.Runtime.Hosting;

/// <summary>Everything resolved once at start-up: the compiled table, the secrets, the upstream clients.</summary>
internal sealed class GatewayRuntime(CompiledGateway gateway, Secret?[] secrets, Random random, TimeProvider timeProvider, SecurityPipeline? security = null, UpstreamClients? clients = null) : IDisposable
{
    private readonly CancellationTokenSource _streamsEnding = new();
    private volatile bool _draining;

    public CompiledGateway Gateway { get; } = gateway;

    /// <summary>By <see cref="TargetDefinition.CredentialSlot"/>.</summary>
    public Secret?[] Secrets { get; } = secrets;

    /// <summary>Upstream invokers; tests pass clients over a mock handler.</summary>
    public UpstreamClients Clients { get; } = clients ?? new(gateway.Providers);

    /// <summary>Weighted picks and backoff jitter (seeded in tests).</summary>
    public Random Random { get; } = random;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ModelsDocument Models { get; } = new(gateway.ModelListings);


    /// <summary>The <c>[security]</c> check, or null when it is disabled (then it costs one null test).</summary>
    public SecurityPipeline? Security { get; } = security;

    /// <summary>Forwarded requests still running; the drain waits for them (P3).</summary>
    public InFlightRequests InFlight { get; } = new();

    /// <summary>Set when the host begins shutting down: <c>/health/ready</c> answers 503.</summary>
    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    /// <summary>Cancelled at the drain deadline: running event streams end with the error event (T4).</summary>
    public CancellationToken StreamsEnding => _streamsEnding.Token;

    /// <summary>The drain deadline: ends the event streams still running (their relays register on <see cref="StreamsEnding"/>).</summary>
    public void EndStreams() => _streamsEnding.Cancel();

    public void Dispose()
    {
        _streamsEnding.Dispose();
        Clients.Dispose();
    }
}
