using System.Net;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class SmokeTests
{
    [Fact]
    public async Task ManagedRoute_RewritesTheModel_AndLabelsTheResponse()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart","messages":[]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"model":"up-model","messages":[]}""", h.SingleUpstreamRequest().BodyText);
        Assert.Equal("smart", response.Headers.GetValues("x-gateway-route").Single());
    }
}
