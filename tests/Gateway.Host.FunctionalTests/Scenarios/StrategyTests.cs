using System.Net;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;
using static Gateway.Host.FunctionalTests.Support.ProviderScripts;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>Weighted shares, steps, functions and experiments from the generated tables (SPEC §2, §5).</summary>
public sealed class StrategyTests
{
    private static Task<GatewayHarness> StartAsync() => GatewayHarness.StartAsync(ResilienceScenario.Toml);

    [Fact]
    public async Task R13_WeightedShares_AreWithinTwoPoints_Over10000Requests_CountedAtTheUpstreams()
    {
        await using var h = await StartAsync();
        var tiny = new Func<Microsoft.AspNetCore.Http.HttpContext, Task>(c => UpstreamScripts.Json(c, 200, "{}"));
        h.Upstream.Handler = ByProvider(tiny, tiny, tiny);
        const int total = 10_000;
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            using var response = await h.PostAsync("/v1/chat/completions", """{"model":"weighted"}""");
            if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
        Assert.Equal(total, h.Upstream.Requests.Count);
        Assert.InRange(h.Upstream.Count("a") * 100.0 / total, 68, 72);
        Assert.InRange(h.Upstream.Count("b") * 100.0 / total, 18, 22);
        Assert.InRange(h.Upstream.Count("c") * 100.0 / total, 8, 12);
    }

    [Fact]
    public async Task Steps_AreAFallbackChain_EachStepWithItsOwnStrategy()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(500), b: Status(502));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"chain"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tc", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal("chain", response.Headers.GetValues("x-gateway-route").Single());
        Assert.Equal(["a", "b", "c"], h.Upstream.Requests.Select(r => r.Path[1..2]));
    }

    [Fact]
    public async Task Steps_FirstStepSucceeds_NoOtherStepIsTried()
    {
        await using var h = await StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"chain"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0, 0), (h.Upstream.Count("a"), h.Upstream.Count("b"), h.Upstream.Count("c")));
    }

    [Theory]
    [InlineData("function::fn")]
    [InlineData("fn")]
    public async Task Functions_ByPrefixOrBareName_CarryXGatewayFunction_AndFallBack(string model)
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(503));
        using var response = await h.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fn", response.Headers.GetValues("x-gateway-function").Single());
        Assert.Equal("fn", response.Headers.GetValues("x-gateway-route").Single());
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal("m-b", JsonDocument.Parse(Assert.Single(h.Upstream.Of("b")).Body).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Experiments_PickAVariant_ApplyItsOverrides_AndNameItInXGatewayVariant()
    {
        await using var h = await StartAsync();
        var variants = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            using var response = await h.PostAsync("/v1/chat/completions", """{"model":"exp","temperature":1,"messages":[{"role":"user","content":"hi"}]}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("exp", response.Headers.GetValues("x-gateway-function").Single());
            var variant = response.Headers.GetValues("x-gateway-variant").Single();
            Assert.Equal(variant, response.Headers.GetValues("x-gateway-target").Single());
            var upstream = h.Upstream.Requests.Last();
            using var body = JsonDocument.Parse(upstream.Body);
            var root = body.RootElement;
            Assert.Equal("hi", root.GetProperty("messages")[0].GetProperty("content").GetString());
            if (variant == "v1")
            {
                Assert.StartsWith("/a/", upstream.Path, StringComparison.Ordinal);
                Assert.Equal("m-a", root.GetProperty("model").GetString());
                Assert.Equal(0.25, root.GetProperty("temperature").GetDouble());
                Assert.Equal(77, root.GetProperty("max_tokens").GetInt32());
                Assert.False(root.TryGetProperty("top_p", out _));
            }
            else
            {
                Assert.Equal("v2", variant);
                Assert.StartsWith("/b/", upstream.Path, StringComparison.Ordinal);
                Assert.Equal("m-b", root.GetProperty("model").GetString());
                Assert.Equal(0.5, root.GetProperty("top_p").GetDouble());
                Assert.Equal(1, root.GetProperty("temperature").GetDouble()); // not overridden by v2
            }
            variants.Add(variant);
        }
        Assert.Contains("v1", variants); // equal weights: both show up (all 24 alike has p ≈ 1e-7)
        Assert.Contains("v2", variants);
    }
}
