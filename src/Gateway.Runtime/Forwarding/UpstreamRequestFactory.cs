using Gateway.Runtime.Routing;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Forwarding;

/// <summary>Builds the upstream <see cref="HttpRequestMessage"/> for one attempt (SPEC §4, §6).</summary>
internal static class UpstreamRequestFactory
{
    /// <summary>HTTP/2 where the upstream offers it over TLS, HTTP/1.1 otherwise (h2c needs prior knowledge).</summary>
    private static readonly Version PreferredVersion = System.Net.HttpVersion.Version20;

    public static HttpRequestMessage Create(HttpRequest source, UpstreamClients clients, EndpointKind endpoint, in UpstreamCall call, ReadOnlyMemory<byte> body, System.Diagnostics.Activity? activity = null)
    {
        var url = clients.Url(call.Provider, endpoint);
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = PreferredVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ReadOnlyMemoryContent(body),
        };

        var connection = source.Headers.Connection;
        var providerKeyHeader = call.Managed && call.Provider.Auth == AuthScheme.ApiKeyHeader ? call.Provider.AuthParameterName : null;
        foreach (var header in source.Headers)
        {
            if (!HeaderPolicy.ForwardRequestHeader(header.Key, connection, call.Managed, providerKeyHeader))
            {
                continue;
            }
            // Content-* headers belong to the content; TryAdd on the request headers refuses them.
            // A single value goes in as a string: casting StringValues to IEnumerable<string> boxes it and
            // allocates an enumerator per header (YARP's RequestUtilities does the same).
            var values = header.Value;
            if (values.Count == 1)
            {
                var value = values.ToString();
                if (!request.Headers.TryAddWithoutValidation(header.Key, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(header.Key, value);
                }
            }
            else
            {
                var array = values.ToArray();
                if (!request.Headers.TryAddWithoutValidation(header.Key, array))
                {
                    request.Content.Headers.TryAddWithoutValidation(header.Key, array);
                }
            }
        }

        foreach (var (name, value) in call.Provider.StaticHeaders)
        {
            // The config wins over a caller-supplied value (e.g. anthropic-version).
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        TraceHeaders.Propagate(request, activity);

        if (call.Managed)
        {
            request.RequestUri = CredentialPresenter.Apply(request, call.Provider, call.Secret, url);
        }
        return request;
    }
}
