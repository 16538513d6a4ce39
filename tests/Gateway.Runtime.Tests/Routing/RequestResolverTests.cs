using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Tests.Support;

namespace Gateway.Runtime.Tests.Routing;

public sealed class RequestResolverTests
{
    private static readonly ProviderDefinition OpenAi = TestGateway.Provider(0, "openai", "http://127.0.0.1:1/v1", "gpt-4o", "gpt-4o-mini");
    private static readonly TargetDefinition Primary = new("primary", OpenAi, "gpt-4o", 0, 1, 1000);

    private static readonly TestGateway Gateway = new(
        [OpenAi],
        [TestGateway.SingleRoute(0, "smart-route", Primary), TestGateway.SingleRoute(1, "summarize", Primary, RouteKind.Function), TestGateway.SingleRoute(2, "embed", Primary, endpoint: EndpointKind.Embeddings)],
        [("smart", EndpointKind.Chat, 0)]);

    [Theory]
    [InlineData("smart", "smart-route")]
    [InlineData("summarize", "summarize")]
    [InlineData("function::summarize", "summarize")]
    [InlineData("route::smart-route", "smart-route")]
    public void Resolve_FindsManagedRoutes(string model, string route)
    {
        var resolved = RequestResolver.Resolve(Gateway, EndpointKind.Chat, model);
        Assert.False(resolved.IsPassthrough);
        Assert.Equal(route, resolved.Route?.Name);
    }

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("openai::gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("openai::brand-new-model", "brand-new-model")]
    public void Resolve_FindsPassthrough_WithThePrefixStripped(string model, string upstream)
    {
        var resolved = RequestResolver.Resolve(Gateway, EndpointKind.Chat, model);
        Assert.True(resolved.IsPassthrough);
        Assert.Equal(upstream, resolved.PassthroughModel);
        Assert.Same(OpenAi, resolved.Provider);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("function::nope")]
    [InlineData("route::nope")]
    [InlineData("nope::gpt-4o")]
    [InlineData("openai::")]
    [InlineData("route::embed")]
    [InlineData("route::summarize")]
    [InlineData("SMART")]
    public void Resolve_ReportsNotFound(string model) => Assert.False(RequestResolver.Resolve(Gateway, EndpointKind.Chat, model).Found);
}
