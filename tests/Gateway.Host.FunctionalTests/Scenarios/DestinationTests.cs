using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class DestinationTests
{
    [Fact]
    public async Task S5_RequestFieldsAndHeaders_NeverChangeTheDestination()
    {
        await using var h = await GatewayHarness.StartAsync();
        var attacker = $"http://127.0.0.1:{h.Attacker.Port}";
        var body = $$"""{"model":"smart","api_base":"{{attacker}}","base_url":"{{attacker}}/v1","url":"{{attacker}}"}""";
        using var response = await h.PostAsync("/v1/chat/completions", body, configure: r =>
        {
            r.Headers.TryAddWithoutValidation("x-portkey-custom-host", attacker);
            r.Headers.TryAddWithoutValidation("x-forwarded-host", $"127.0.0.1:{h.Attacker.Port}");
            r.Headers.TryAddWithoutValidation("x-base-url", attacker);
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/chat/completions", h.SingleUpstreamRequest().Path);
        Assert.Equal(0, h.Attacker.Connections);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task S5_UpstreamRedirect_Is502_AndNeverFollowed(int status)
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = $"http://127.0.0.1:{h.Attacker.Port}/steal";
            return Task.CompletedTask;
        };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Null(response.Headers.Location);
        Assert.Equal(0, h.Attacker.Connections);
    }

    [Theory]
    [InlineData("//v1/chat/completions")]
    [InlineData("/v1/chat/completions/")]
    [InlineData("/v1/chat%2Fcompletions")]
    [InlineData("/V1/CHAT/COMPLETIONS")]
    [InlineData("/v1/./chat/completions/..")]
    [InlineData("/v1/chat/completions;x")]
    public async Task S6_PathSpellings_NeverReachAnUpstream(string path)
    {
        await using var h = await GatewayHarness.StartAsync();
        var response = await RawPostAsync(h, path, "127.0.0.1");
        Assert.StartsWith("HTTP/1.1 404", response, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task S6_AbsoluteFormTargetAndOddHost_StillUseTheCompiledUpstreamAndKeyRules()
    {
        await using var h = await GatewayHarness.StartAsync();
        var absolute = $"http://127.0.0.1:{h.Attacker.Port}/v1/chat/completions";
        var response = await RawPostAsync(h, absolute, $"127.0.0.1:{h.Attacker.Port}", "Authorization: Bearer " + Sentinels.CallerKey + "\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
        Assert.Equal(0, h.Attacker.Connections);
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions")]
    [InlineData("POST", "/v1/completions")]
    [InlineData("POST", "/v1/responses/resp_1/cancel")]
    [InlineData("POST", "/v1/messages/batches")]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/v1/models/smart")]
    [InlineData("POST", "/health")]
    [InlineData("GET", "/v1/files")]
    public async Task S7_OnlyDocumentedEndpointsExist(string method, string path)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("""{"model":"smart"}""") };
        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    /// <summary>A raw HTTP/1.1 request so the path reaches Kestrel exactly as spelled.</summary>
    private static async Task<string> RawPostAsync(GatewayHarness h, string target, string host, string extraHeaders = "")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, h.Address.Port);
        var stream = tcp.GetStream();
        const string body = """{"model":"smart"}""";
        var request = $"POST {target} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
