using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class LimitTests
{
    private const int Limit = 65536; // [server] max_request_body_bytes in the scenario

    private static string BigBody(int size) => "{\"model\":\"smart\",\"pad\":\"" + new string('x', size) + "\"}";

    [Fact]
    public async Task R16_BodyOverTheLimit_WithContentLength_Is413_BeforeAnyUpstreamConnection()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", BigBody(Limit));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task R16_BodyOverTheLimit_Chunked_Is413_BeforeAnyUpstreamConnection()
    {
        await using var h = await GatewayHarness.StartAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BigBody(Limit))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task R16_BodyJustUnderTheLimit_IsForwarded()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", BigBody(Limit - 100));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task R18_AnyByteStringAsABody_GetsA4xx_NeverA5xx()
    {
        await using var h = await GatewayHarness.StartAsync();
        var random = new Random(2024);
        string[] seeds = ["{\"model\":\"smart\"", "{\"model\":", "{\"model\":\"nope\"}", "[", "{\"model\":\"sm\\u0061rt\"", "--b\r\n", "\0\0"];
        string[] paths = ["/v1/chat/completions", "/v1/embeddings", "/v1/audio/transcriptions", "/v1/images/generations", "/v1/audio/speech"];
        for (var i = 0; i < 150; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var seed = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);
            if (i % 3 != 0 && bytes.Length >= seed.Length) seed.CopyTo(bytes, 0);
            using var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", i % 4 == 0 ? "multipart/form-data; boundary=b" : "application/json");
            using var response = await h.Client.PostAsync(paths[i % paths.Length], content);

            var status = (int)response.StatusCode;
            Assert.True(status is 400 or 404 or 413 or 415, $"status {status} for body {Convert.ToHexString(bytes)} on {paths[i % paths.Length]}");
        }
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Theory]
    [InlineData("80000000")]
    [InlineData("FFFFFFFF")]
    [InlineData("100000000")]
    public async Task H7_ChunkSizePast2To31_Is400InvalidRequest_NeverAnEmpty200(string chunkSize)
    {
        await using var h = await GatewayHarness.StartAsync();
        var response = await RawHttp.SendAsync(h.Address,
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            chunkSize + "\r\n{\"model\":\"smart\"}");

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", response.Header("x-gateway-error-code"));
        using var json = System.Text.Json.JsonDocument.Parse(response.Body);
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, h.Upstream.Connections);
    }
}
