using System.Net;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>RELIABILITY H7: upstream framing faults become 502 <c>upstream_error</c>, never a relayed or empty answer.</summary>
public sealed class FramingTests
{
    public static TheoryData<string, string> Faults => new()
    {
        { "content-length with transfer-encoding", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n" },
        { "unasked-for 101", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nRAW-BYTES-AFTER-101" },
        { "unasked-for 101 without upgrade", "HTTP/1.1 101 Switching Protocols\r\n\r\nRAW-BYTES-AFTER-101" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task H7_UpstreamFramingFault_Is502UpstreamError_WithoutAStackTrace(string fault, string bytes)
    {
        await using var raw = new RawUpstream(bytes);
        await using var h = await GatewayHarness.StartAsync(raw.Toml);

        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{fault}: {(int)response.StatusCode} {body}");
        Assert.Equal("upstream_error", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Contains("\"upstream_error\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("RAW-BYTES", body, StringComparison.Ordinal);
        Assert.Equal(1, raw.Connections);
        Assert.DoesNotContain("   at ", h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", h.Logs.Text, StringComparison.Ordinal);
    }
}
