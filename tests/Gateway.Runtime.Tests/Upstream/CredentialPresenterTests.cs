using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Tests.Upstream;

public sealed class CredentialPresenterTests
{
    private static readonly Uri Url = new("http://127.0.0.1:1/v1/chat/completions");
    private static readonly Secret Key = new("sk-GATEWAY-SENTINEL-&=+ key");

    private static ProviderDefinition Provider(AuthScheme scheme, string parameter) => new(0, "p", "http://127.0.0.1:1/v1", scheme, parameter, [], 1000, ["m"]);

    [Fact]
    public void S1_Bearer_SetsExactlyOneAuthorizationHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url);
        var url = CredentialPresenter.Apply(request, Provider(AuthScheme.Bearer, ""), Key, Url);
        Assert.Equal(Url, url);
        Assert.Equal("Bearer sk-GATEWAY-SENTINEL-&=+ key", Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void S1_ApiKeyHeader_UsesTheConfiguredHeaderName()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url);
        CredentialPresenter.Apply(request, Provider(AuthScheme.ApiKeyHeader, "x-api-key"), Key, Url);
        Assert.Equal(Key.Reveal(), Assert.Single(request.Headers.GetValues("x-api-key")));
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public void S1_QueryParam_AppendsTheEscapedKeyToTheFixedUrl()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url);
        var url = CredentialPresenter.Apply(request, Provider(AuthScheme.QueryParam, "key"), Key, Url);
        Assert.Equal("/v1/chat/completions", url.AbsolutePath);
        Assert.Equal("?key=sk-GATEWAY-SENTINEL-%26%3D%2B%20key", url.Query);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public void S1_None_PresentsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url);
        var url = CredentialPresenter.Apply(request, Provider(AuthScheme.None, ""), null, Url);
        Assert.Equal(Url, url);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public void S4_Secret_ToStringIsRedacted() => Assert.DoesNotContain("SENTINEL", Key.ToString(), StringComparison.Ordinal);
}
