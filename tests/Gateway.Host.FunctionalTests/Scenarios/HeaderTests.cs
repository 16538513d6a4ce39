using System.Net;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class HeaderTests
{
    [Fact]
    public async Task H1_HopByHopAndConnectionNamedHeaders_NeverCrossTheProxy_InEitherDirection()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context =>
        {
            context.Response.Headers["Connection"] = "x-upstream-hop";
            context.Response.Headers["x-upstream-hop"] = "1";
            context.Response.Headers["Keep-Alive"] = "timeout=5";
            context.Response.Headers["Proxy-Authenticate"] = "Basic";
            context.Response.Headers["x-upstream-kept"] = "1";
            return UpstreamScripts.Json(context, 200, "{}");
        };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("Connection", "x-caller-hop");
            r.Headers.TryAddWithoutValidation("x-caller-hop", "1");
            r.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
            r.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic " + Sentinels.CallerKey);
            r.Headers.TryAddWithoutValidation("TE", "trailers");
            r.Headers.TryAddWithoutValidation("x-caller-kept", "1");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        foreach (var name in new[] { "x-caller-hop", "Keep-Alive", "Proxy-Authorization", "TE" })
        {
            Assert.Empty(upstream.HeaderValues(name));
        }
        Assert.Equal(["1"], upstream.HeaderValues("x-caller-kept"));
        Assert.DoesNotContain(upstream.HeaderValues("Connection"), v => v.Contains("x-caller-hop", StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("x-upstream-hop"));
        Assert.False(response.Headers.Contains("Keep-Alive"));
        Assert.False(response.Headers.Contains("Proxy-Authenticate"));
        Assert.True(response.Headers.Contains("x-upstream-kept"));
    }

    [Fact]
    public async Task H1_HeadersNamedInTheCallersConnectionHeader_AmongOtherTokens_DoNotReachTheUpstream()
    {
        // Raw bytes: HttpClient owns the Connection header and would not send these tokens as written.
        // Two Connection lines, mixed case and spaces: every token of every line is hop-by-hop.
        await using var h = await GatewayHarness.StartAsync();
        var raw = await RawClient.PostAsync(h, "/v1/chat/completions", """{"model":"smart"}""",
            "Connection: keep-alive, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nConnection:  x-OTHER-hop , Authorization,close\r\nX-Other-Hop: 1\r\nX-Caller-Kept: 1\r\n");

        Assert.StartsWith("HTTP/1.1 200", raw, StringComparison.Ordinal);
        var upstream = h.SingleUpstreamRequest();
        Assert.Empty(upstream.HeaderValues("X-Secret-Hop"));
        Assert.Empty(upstream.HeaderValues("X-Other-Hop"));
        Assert.Equal(["1"], upstream.HeaderValues("X-Caller-Kept"));
        // The gateway's own credential survives a caller naming it in Connection.
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
    }

    [Fact]
    public async Task H5_UpstreamLocationSetCookieAndCredentialHeaders_NeverReachTheCaller()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context =>
        {
            context.Response.Headers.Location = "http://internal.example/x";
            context.Response.Headers.SetCookie = "session=abc";
            context.Response.Headers.Authorization = "Bearer " + Sentinels.GatewayKey;
            context.Response.Headers["x-api-key"] = Sentinels.GatewayKey;
            context.Response.Headers["api-key"] = Sentinels.GatewayKey;
            context.Response.Headers["x-gateway-route"] = "spoofed";
            context.Response.Headers["Refresh"] = "0; url=http://internal.example/";
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"upstream\"";
            context.Response.Headers.StrictTransportSecurity = "max-age=63072000; includeSubDomains";
            return UpstreamScripts.Json(context, 200, "{}");
        };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("x-api-key"));
        Assert.False(response.Headers.Contains("Refresh"));
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("smart", response.Headers.GetValues("x-gateway-route").Single());
        Sentinels.AssertAbsent(Sentinels.GatewayKey, response.ToString(), "response headers");
    }

    [Fact]
    public async Task TraceContext_IsPropagatedUpstream_WithTheCallersTraceId()
    {
        await using var h = await GatewayHarness.StartAsync();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            r.Headers.TryAddWithoutValidation("tracestate", "vendor=value");
        });

        var traceparent = Assert.Single(h.SingleUpstreamRequest().HeaderValues("traceparent"));
        Assert.Equal(traceId, traceparent.Split('-')[1]);
        Assert.Equal(["vendor=value"], h.SingleUpstreamRequest().HeaderValues("tracestate"));
    }
}
