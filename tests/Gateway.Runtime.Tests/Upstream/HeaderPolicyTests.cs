using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.Runtime.Tests.Upstream;

public sealed class HeaderPolicyTests
{
    [Theory]
    [InlineData("Connection")]
    [InlineData("keep-alive")]
    [InlineData("Transfer-Encoding")]
    [InlineData("TE")]
    [InlineData("Upgrade")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Proxy-Connection")]
    [InlineData("Host")]
    [InlineData("Content-Length")]
    [InlineData(":authority")]
    public void H1_RequestHeader_HopByHopAndHost_AreNeverForwarded(string name) =>
        Assert.False(HeaderPolicy.ForwardRequestHeader(name, default, managed: false, providerKeyHeader: null));

    [Fact]
    public void H1_RequestHeader_NamedByConnection_IsNotForwarded()
    {
        var connection = new StringValues(["keep-alive, X-Secret-Hop", "x-other"]);
        Assert.False(HeaderPolicy.ForwardRequestHeader("x-secret-hop", connection, false, null));
        Assert.False(HeaderPolicy.ForwardRequestHeader("X-Other", connection, false, null));
        Assert.True(HeaderPolicy.ForwardRequestHeader("x-kept", connection, false, null));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("api-key")]
    [InlineData("X-API-KEY")]
    [InlineData("x-goog-api-key")]
    [InlineData("x-custom-key")]
    public void S1_ManagedRequest_DropsEveryCallerCredentialHeader(string name) =>
        Assert.False(HeaderPolicy.ForwardRequestHeader(name, default, managed: true, providerKeyHeader: "x-custom-key"));

    [Theory]
    [InlineData("Authorization")]
    [InlineData("api-key")]
    [InlineData("x-api-key")]
    public void S2_PassthroughRequest_KeepsTheCallerCredential(string name) =>
        Assert.True(HeaderPolicy.ForwardRequestHeader(name, default, managed: false, providerKeyHeader: null));

    [Theory]
    [InlineData("Location", false)]
    [InlineData("Set-Cookie", false)]
    [InlineData("Authorization", false)]
    [InlineData("x-api-key", false)]
    [InlineData("Transfer-Encoding", false)]
    [InlineData("Alt-Svc", false)]
    [InlineData("x-gateway-route", false)]
    [InlineData("Refresh", false)]
    [InlineData("WWW-Authenticate", false)]
    [InlineData("Strict-Transport-Security", false)]
    [InlineData("Content-Type", true)]
    [InlineData("x-request-id", true)]
    [InlineData("openai-processing-ms", true)]
    public void H5_ResponseHeaders_AreFiltered(string name, bool forwarded) =>
        Assert.Equal(forwarded, HeaderPolicy.ForwardResponseHeader(name, default));

    [Fact]
    public void S2_HasCallerCredential_SeesAnyCredentialHeader()
    {
        var headers = new HeaderDictionary();
        Assert.False(HeaderPolicy.HasCallerCredential(headers));
        headers["x-api-key"] = "k";
        Assert.True(HeaderPolicy.HasCallerCredential(headers));
    }

    [Theory]
    [InlineData("Cookie")]
    [InlineData("cookie2")]
    public void S1_ManagedRequest_DropsTheCallersCookies_PassthroughKeepsThem(string name)
    {
        Assert.False(HeaderPolicy.ForwardRequestHeader(name, default, managed: true, providerKeyHeader: null));
        Assert.True(HeaderPolicy.ForwardRequestHeader(name, default, managed: false, providerKeyHeader: null));
    }

    [Theory]
    [InlineData("Authorization", "Bearer")]
    [InlineData("Authorization", "Bearer ")]
    [InlineData("Authorization", "Bearer    ")]
    [InlineData("Authorization", "")]
    [InlineData("x-api-key", " ")]
    public void S2_HasCallerCredential_ABlankKeyIsNoKey(string name, string value)
    {
        var headers = new HeaderDictionary { [name] = value };
        Assert.False(HeaderPolicy.HasCallerCredential(headers));
    }

    [Fact]
    public void S2_HasCallerCredential_ACredentialHeaderSentTwiceIsNoKey()
    {
        var headers = new HeaderDictionary { ["Authorization"] = new StringValues(["Bearer sk-one", "Bearer sk-two"]) };
        Assert.False(HeaderPolicy.HasCallerCredential(headers));
        headers["Authorization"] = "Bearer sk-one";
        Assert.True(HeaderPolicy.HasCallerCredential(headers));
    }
}
