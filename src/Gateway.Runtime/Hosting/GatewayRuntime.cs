using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Hosting;

/// <summary>Everything resolved once at start-up: the compiled table, the secrets, the upstream clients.</summary>
internal sealed class GatewayRuntime(CompiledGateway gateway, Secret?[] secrets, Random random, TimeProvider timeProvider) : IDisposable
{
    private volatile bool _draining;

    public CompiledGateway Gateway { get; } = gateway;

    /// <summary>By <see cref="TargetDefinition.CredentialSlot"/>.</summary>
    public Secret?[] Secrets { get; } = secrets;

    public UpstreamClients Clients { get; } = new(gateway.Providers);

    /// <summary>Weighted picks and backoff jitter (seeded in tests).</summary>
    public Random Random { get; } = random;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ModelsDocument Models { get; } = new(gateway.ModelListings);

    /// <summary>Set when the host begins shutting down: <c>/health/ready</c> answers 503.</summary>
    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    public void Dispose() => Clients.Dispose();
}
