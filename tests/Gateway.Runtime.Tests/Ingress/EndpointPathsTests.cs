using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Ingress;

/// <summary>Every endpoint kind the config can name has one upstream path of its own (SPEC §3).</summary>
public sealed class EndpointPathsTests
{
    [Fact]
    public void EveryEndpointKind_HasItsOwnUpstreamPath()
    {
        var kinds = Enum.GetValues<EndpointKind>();
        var paths = kinds.Select(EndpointPaths.Upstream).ToArray();

        Assert.Equal(kinds.Length, EndpointPaths.Count);
        Assert.Equal(paths.Length, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.All(paths, p => Assert.StartsWith("/", p, StringComparison.Ordinal));
    }

    [Fact]
    public void AnAnthropicProvider_ServesChatAtMessages() =>
        Assert.Equal(EndpointPaths.AnthropicMessages, EndpointPaths.Upstream(ProviderApi.Anthropic, EndpointKind.Chat));
}
