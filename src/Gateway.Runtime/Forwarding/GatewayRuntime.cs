using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;
using Gateway.Runtime.Security;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// What every forwarded (and stored-API) request shares, resolved once at start-up: the compiled table, the
/// secrets, the upstream clients, the clock and random source, the security check, and the drain deadline
/// signal for running streams. The host's own state (readiness, in-flight count) is <c>Hosting/HostState</c>.
/// </summary>
internal sealed class GatewayRuntime(CompiledGateway gateway, Secret?[] secrets, Random random, TimeProvider timeProvider, SecurityPipeline? security = null, UpstreamClients? clients = null) : IDisposable
{
    private readonly CancellationTokenSource _streamsEnding = new();

    public CompiledGateway Gateway { get; } = gateway;

    /// <summary>By <see cref="TargetDefinition.CredentialSlot"/>.</summary>
    public Secret?[] Secrets { get; } = secrets;

    /// <summary>Upstream invokers; tests pass clients over a mock handler.</summary>
    public UpstreamClients Clients { get; } = clients ?? new(gateway.Providers);

    /// <summary>Weighted picks and backoff jitter (seeded in tests).</summary>
    public Random Random { get; } = random;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The <c>[security]</c> check, or null when it is disabled (then it costs one null test).</summary>
    public SecurityPipeline? Security { get; } = security;

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
