using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Upstream;

/// <summary>
/// One long-lived <see cref="HttpMessageInvoker"/> per provider and the precomputed upstream URLs.
/// Not <see cref="HttpClient"/> defaults: those follow redirects, decompress and add a proxy (CONVENTIONS.md, YARP).
/// </summary>
internal sealed class UpstreamClients : IDisposable
{
    private readonly HttpMessageInvoker[] _invokers;
    private readonly Uri?[] _urls;

    public UpstreamClients(ProviderDefinition[] providers)
        : this(providers, CreateHandler)
    {
    }

    /// <summary>Unit tests: every provider's invoker over a handler from <paramref name="handlerFactory"/>.</summary>
    public UpstreamClients(ProviderDefinition[] providers, Func<HttpMessageHandler> handlerFactory)
    {
        var endpoints = IngressEndpoints.All;
        _invokers = new HttpMessageInvoker[providers.Length];
        _urls = new Uri?[providers.Length * endpoints.Length];
        foreach (var provider in providers)
        {
            _invokers[provider.Index] = new HttpMessageInvoker(handlerFactory(), disposeHandler: true);
            foreach (var endpoint in endpoints)
            {
                _urls[(provider.Index * endpoints.Length) + endpoint.Index] = UpstreamPath(provider, endpoint) is { } path
                    ? new Uri(provider.BaseUrl + path, UriKind.Absolute)
                    : null;
            }
        }
    }

    public HttpMessageInvoker Invoker(ProviderDefinition provider) => _invokers[provider.Index];

    /// <summary>
    /// The fixed URL a request to <paramref name="endpoint"/> goes to at <paramref name="provider"/> (no query: a
    /// query credential is appended per attempt), or null when the provider has no such endpoint (count_tokens
    /// at an OpenAI provider: the gateway estimates).
    /// </summary>
    public Uri? Url(ProviderDefinition provider, IngressEndpoint endpoint) => _urls[(provider.Index * IngressEndpoints.All.Length) + endpoint.Index];

    /// <summary>
    /// SPEC §3, §9, §10: the caller's path at the provider when its body goes as is
    /// (<see cref="IngressEndpoint.GoesAsIsTo"/>); otherwise the chat path of the provider's own format, which
    /// the translated body is written in (count_tokens has none there).
    /// </summary>
    internal static string? UpstreamPath(ProviderDefinition provider, IngressEndpoint endpoint) =>
        endpoint.GoesAsIsTo(provider) ? endpoint.UpstreamPath
        : endpoint.CountTokens ? null
        : IngressEndpoints.ChatIn(ProviderFormat.Of(provider)).UpstreamPath;

    private static SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false, // S5: a 3xx becomes 502, never a request to another host
        AutomaticDecompression = System.Net.DecompressionMethods.None, // bytes are relayed as sent
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Finite so DNS changes are picked up; idle connections are reaped sooner.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        // The forwarder propagates traceparent itself (TraceHeaders); without this the handler would add a second one.
        ActivityHeadersPropagator = null,
        MaxResponseHeadersLength = 64, // KiB
    };

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

}
