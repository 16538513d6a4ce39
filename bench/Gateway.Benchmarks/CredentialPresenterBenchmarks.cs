using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Upstream;

namespace Gateway.Benchmarks;

/// <summary>
/// Presenting a managed target's key upstream (<c>CredentialPresenter.Apply</c>): the bearer value is
/// precomputed at start-up, so setting it on the upstream request allocates nothing. The header is removed
/// again so every iteration starts from the same request. (<c>auth_type = "query_param"</c> builds a new
/// <see cref="Uri"/> per attempt by nature and is not measured here.)
/// </summary>
[MemoryDiagnoser]
public class CredentialPresenterBenchmarks
{
    private static readonly Uri Url = new("https://api.example.com/v1/chat/completions");
    private readonly Secret _secret = new("sk-bench-not-a-secret-0123456789");
    private readonly HttpRequestMessage _request = new(HttpMethod.Post, Url);
    private ProviderDefinition _provider = null!;

    [Params(AuthScheme.Bearer, AuthScheme.ApiKeyHeader)]
    public AuthScheme Auth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ProviderDefinition(0, "bench", "https://api.example.com/v1", Auth,
            Auth == AuthScheme.ApiKeyHeader ? "api-key" : "", [], 30_000, ["gpt-4o"]);
        // The header store exists from the first header on, as on a real upstream request.
        _request.Headers.TryAddWithoutValidation("User-Agent", "bench");
    }

    [Benchmark]
    public Uri Apply()
    {
        var url = CredentialPresenter.Apply(_request, _provider, _secret, Url);
        _request.Headers.Remove(Auth == AuthScheme.Bearer ? "Authorization" : "api-key");
        return url;
    }
}
