using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Upstream;

namespace Gateway.Runtime.Tests.Ingress;

/// <summary>The one endpoint table: every kind has its OpenAI row, paths are distinct, and each upstream path follows from a row (SPEC §3, §9, §10).</summary>
public sealed class IngressEndpointsTests
{
    [Fact]
    public void EveryEndpointKind_HasOneOpenAiRow_WithItsOwnUpstreamPath()
    {
        var kinds = Enum.GetValues<EndpointKind>();
        var paths = kinds.Select(k => IngressEndpoints.OpenAi(k).UpstreamPath).ToArray();

        Assert.Equal(kinds.Length, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.All(paths, p => Assert.StartsWith("/", p, StringComparison.Ordinal));
        Assert.Equal(kinds.Length, IngressEndpoints.All.Count(e => e.Format == WireFormat.OpenAiChat));
    }

    [Fact]
    public void Rows_AreIndexedByPosition_AndFoundByTheirExactPathOnly()
    {
        for (var i = 0; i < IngressEndpoints.All.Length; i++)
        {
            var row = IngressEndpoints.All[i];
            Assert.Equal(i, row.Index);
            Assert.Same(row, IngressEndpoints.Find(row.Path));
            Assert.Null(IngressEndpoints.Find(row.Path + "/"));
            Assert.Null(IngressEndpoints.Find(row.Path.ToUpperInvariant()));
        }
    }

    [Theory]
    [InlineData("/v1/messages", "Anthropic")]
    [InlineData("/v1/messages/count_tokens", "Anthropic")]
    [InlineData("/v1/messages/unknown", "Anthropic")]
    [InlineData("/v1/messagesx", "OpenAiChat")]
    [InlineData("/v1/responses/resp_1", "OpenAiResponses")]
    [InlineData("/v1/chat/completions", "OpenAiChat")]
    [InlineData("/nowhere", "OpenAiChat")]
    public void CallerFormat_FollowsTheRowThePathIsUnder(string path, string expected) =>
        Assert.Equal(Enum.Parse<WireFormat>(expected), CallerFormat.Of(path));

    [Theory]
    // Same format: the caller's path. Another format: the provider's own chat path (the body is translated).
    [InlineData("/v1/chat/completions", ProviderApi.OpenAi, false, "/chat/completions")]
    [InlineData("/v1/chat/completions", ProviderApi.Anthropic, false, "/messages")]
    [InlineData("/v1/messages", ProviderApi.Anthropic, false, "/messages")]
    [InlineData("/v1/messages", ProviderApi.OpenAi, false, "/chat/completions")]
    [InlineData("/v1/messages/count_tokens", ProviderApi.Anthropic, false, "/messages/count_tokens")]
    [InlineData("/v1/messages/count_tokens", ProviderApi.OpenAi, false, null)]
    [InlineData("/v1/responses", ProviderApi.OpenAi, true, "/responses")]
    [InlineData("/v1/responses", ProviderApi.OpenAi, false, "/chat/completions")]
    [InlineData("/v1/responses", ProviderApi.Anthropic, false, "/messages")]
    [InlineData("/v1/embeddings", ProviderApi.OpenAi, false, "/embeddings")]
    public void UpstreamPath_FollowsTheRowAndTheProvidersFormat(string path, ProviderApi api, bool servesResponses, string? expected)
    {
        var provider = new ProviderDefinition(0, "p", "http://127.0.0.1:1/v1", AuthScheme.Bearer, "", [], 1000, [], api, servesResponses);
        Assert.Equal(expected, UpstreamClients.UpstreamPath(provider, IngressEndpoints.Find(path)!));
    }
}
