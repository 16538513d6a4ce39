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
    private readonly Uri[] _urls;
    private readonly Uri?[] _countTokensUrls;
    private readonly Uri?[] _responsesUrls;

    public UpstreamClients(ProviderDefinition[] providers)
        : this(providers, CreateHandler)
    {
    }

    /// <summary>Unit tests: every provider's invoker over a handler from <paramref name="handlerFactory"/>.</summary>
    public UpstreamClients(ProviderDefinition[] providers, Func<HttpMessageHandler> handlerFactory)
    {
        _invokers = new HttpMessageInvoker[providers.Length];
        _urls = new Uri[providers.Length * EndpointPaths.Count];
        _countTokensUrls = new Uri?[providers.Length];
        _responsesUrls = new Uri?[providers.Length];
        foreach (var provider in providers)
        {
            _invokers[provider.Index] = new HttpMessageInvoker(handlerFactory(), disposeHandler: true);
            for (var e = 0; e < EndpointPaths.Count; e++)
            {
                _urls[(provider.Index * EndpointPaths.Count) + e] = new Uri(provider.BaseUrl + EndpointPaths.Upstream(provider.Api, (EndpointKind)e), UriKind.Absolute);
            }
            if (provider.Api == ProviderApi.Anthropic)
            {
                _countTokensUrls[provider.Index] = new Uri(provider.BaseUrl + EndpointPaths.AnthropicCountTokens, UriKind.Absolute);
            }
            if (provider.ServesResponses)
            {
                _responsesUrls[provider.Index] = new Uri(provider.BaseUrl + EndpointPaths.Responses, UriKind.Absolute);
            }
        }
    }

    public HttpMessageInvoker Invoker(ProviderDefinition provider) => _invokers[provider.Index];

    /// <summary>The fixed URL of an endpoint at a provider (no query: a query credential is appended per attempt).</summary>
    public Uri Url(ProviderDefinition provider, EndpointKind endpoint) => _urls[(provider.Index * EndpointPaths.Count) + (int)endpoint];

    /// <summary>The provider's count_tokens URL, or null when its format has none (then the gateway estimates).</summary>
    public Uri? CountTokensUrl(ProviderDefinition provider) => _countTokensUrls[provider.Index];

    /// <summary>The provider's <c>/responses</c> URL, or null when it does not serve Responses (then the gateway translates).</summary>
    public Uri? ResponsesUrl(ProviderDefinition provider) => _responsesUrls[provider.Index];

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
