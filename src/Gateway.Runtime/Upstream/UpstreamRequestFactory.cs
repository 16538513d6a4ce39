using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Upstream;

/// <summary>Builds the upstream <see cref="HttpRequestMessage"/> for one attempt (SPEC §4, §6).</summary>
internal static class UpstreamRequestFactory
{
    /// <summary>HTTP/2 where the upstream offers it over TLS, HTTP/1.1 otherwise (h2c needs prior knowledge).</summary>
    private static readonly Version PreferredVersion = System.Net.HttpVersion.Version20;

    /// <summary>Sent to an Anthropic provider when neither its <c>headers</c> nor (same format) the caller set one (SPEC §9).</summary>
    public const string DefaultAnthropicVersion = "2023-06-01";

    /// <param name="source">The caller's request (headers, query string).</param>
    /// <param name="clients">Invokers and precomputed URLs.</param>
    /// <param name="endpoint">The caller's endpoint (with the provider, picks the upstream path).</param>
    /// <param name="call">This attempt: provider, model, credential.</param>
    /// <param name="body">The bytes the upstream reads (as sent, rewritten or translated).</param>
    /// <param name="activity">The request's span, for trace propagation.</param>
    /// <param name="translated">The body was translated into the provider's format: the caller's format-specific headers do not apply.</param>
    public static HttpRequestMessage Create(HttpRequest source, UpstreamClients clients, IngressEndpoint endpoint, in UpstreamCall call, ReadOnlyMemory<byte> body,
        System.Diagnostics.Activity? activity = null, bool translated = false)
    {
        var url = clients.Url(call.Provider, endpoint)!;
        var anthropic = call.Provider.Api == ProviderApi.Anthropic;
        if (anthropic && !translated && source.QueryString.HasValue)
        {
            // Anthropic → Anthropic: the query (Claude Code's ?beta=true) is part of the request it meant to send.
            url = new Uri(url.OriginalString + source.QueryString.Value, UriKind.Absolute);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = PreferredVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ReadOnlyMemoryContent(body),
        };
        ApplyHeaders(request, source, call, url, activity, translated);
        return request;
    }

    /// <summary>
    /// The caller's headers as the policy lets them through (hop-by-hop, Host, credentials of a managed call
    /// dropped: SPEC §4, §6), the provider's static headers, <c>traceparent</c>, and the credential: the
    /// gateway's (managed) or the passthrough caller's, re-presented in the provider's scheme when the caller
    /// used another header. Sets <see cref="HttpRequestMessage.RequestUri"/> (a query credential is part of it).
    /// Also used by the file and stored-response relay, so every upstream request obeys one policy.
    /// </summary>
    /// <param name="request">The upstream request, with its <see cref="HttpRequestMessage.Content"/> when it has a body.</param>
    /// <param name="source">The caller's request.</param>
    /// <param name="call">Provider, credential and whether it is managed.</param>
    /// <param name="url">The upstream URL before any query credential.</param>
    /// <param name="activity">The request's span, for trace propagation.</param>
    /// <param name="translated">The body was translated: the caller's format-specific headers do not apply.</param>
    internal static void ApplyHeaders(HttpRequestMessage request, HttpRequest source, in UpstreamCall call, Uri url, System.Diagnostics.Activity? activity, bool translated)
    {
        var anthropic = call.Provider.Api == ProviderApi.Anthropic;
        // Passthrough to a provider whose scheme differs from the header the caller used (x-api-key to an
        // OpenAI-format provider, Bearer to Anthropic): the caller's key is re-presented in the provider's scheme.
        var callerKey = call.Managed ? null : HeaderPolicy.CallerKeyToRepresent(source.Headers, call.Provider);
        var connection = source.Headers.Connection;
        var providerKeyHeader = call.Managed && call.Provider.Auth == AuthScheme.ApiKeyHeader ? call.Provider.AuthParameterName : null;
        foreach (var header in source.Headers)
        {
            if (!HeaderPolicy.ForwardRequestHeader(header.Key, connection, call.Managed, providerKeyHeader)
                || (callerKey is not null && HeaderPolicy.Credentials.Contains(header.Key))
                || (translated && HeaderPolicy.IsFormatSpecific(header.Key)))
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
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, value);
                }
            }
            else
            {
                var array = values.ToArray();
                if (!request.Headers.TryAddWithoutValidation(header.Key, array))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, array);
                }
            }
        }

        foreach (var (name, value) in call.Provider.StaticHeaders)
        {
            // The config wins over a caller-supplied value (e.g. anthropic-version).
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (anthropic && !request.Headers.Contains("anthropic-version"))
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", DefaultAnthropicVersion);
        }

        TraceHeaders.Propagate(request, activity);

        if (call.Managed)
        {
            request.RequestUri = CredentialPresenter.Apply(request, call.Provider, call.Secret, url);
        }
        else if (callerKey is not null)
        {
            request.RequestUri = CredentialPresenter.ApplyCallerKey(request, call.Provider, callerKey, url);
        }
    }
}
