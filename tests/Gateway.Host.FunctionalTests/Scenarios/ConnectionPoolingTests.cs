using System.Net;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>RELIABILITY P1: upstream connections are pooled and reused, never one per request.</summary>
public sealed class ConnectionPoolingTests
{
    private const string Body = """{"model":"smart","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task P1_TenThousandSequentialRequests_UseOneUpstreamConnection_ThenConcurrencyBoundsTheCount()
    {
        await using var h = await GatewayHarness.StartAsync();

        for (var i = 0; i < 10_000; i++)
        {
            using var response = await h.PostAsync("/v1/chat/completions", Body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        }
        Assert.Equal(1, h.Upstream.Connections);

        // Eight callers at once need at most eight connections, the first one among them.
        const int Concurrency = 8;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = 0; i < 250; i++)
            {
                using var response = await h.PostAsync("/v1/chat/completions", Body);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        Assert.InRange(h.Upstream.Connections, 1, Concurrency);
        Assert.Equal(10_000 + (Concurrency * 250), h.Upstream.Requests.Count);
    }
}
