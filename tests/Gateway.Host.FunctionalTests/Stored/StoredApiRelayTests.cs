using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.FunctionalTests.Stored;

/// <summary>
/// SPEC §10: <c>/v1/files</c> and <c>/v1/responses/{id}</c> relayed to their table's provider, as the upstream
/// saw them (method, path, query, body, headers) and as the caller got them back.
/// </summary>
public sealed class StoredApiRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Answers every request with a fixed JSON body, an upstream request id and a cookie (which must not cross).</summary>
    private static Task Echo(HttpContext context)
    {
        context.Response.Headers["x-request-id"] = "req_up_1";
        context.Response.Headers["Set-Cookie"] = "session=upstream";
        return UpstreamScripts.Json(context, 200, """{"id":"file-1","object":"file"}""");
    }

    [Fact]
    public async Task X9_FilesUpload_Managed_IsRelayedAsSent_WithTheGatewayKeyOnly()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = Echo;
        using var form = new MultipartFormDataContent("test-boundary-1") { { new StringContent("assistants"), "purpose" }, { new ByteArrayContent(Encoding.UTF8.GetBytes("{\"a\":1}\n")), "file", "data.jsonl" } };
        var sent = await form.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/files?trace=1") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sentinels.CallerKey);
        request.Headers.TryAddWithoutValidation("x-caller-note", "kept");

        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":"file-1","object":"file"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("req_up_1", Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("files", Assert.Single(response.Headers.GetValues("x-gateway-route")));
        Assert.Equal("openai", Assert.Single(response.Headers.GetValues("x-gateway-provider")));
        var up = h.SingleUpstreamRequest();
        Assert.Equal(("POST", "/oai/v1/files", "?trace=1"), (up.Method, up.Path, up.Query));
        Assert.Equal(sent, up.Body);
        Assert.Equal("multipart/form-data; boundary=\"test-boundary-1\"", Assert.Single(up.HeaderValues("Content-Type")));
        Assert.Equal(sent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(up.HeaderValues("Content-Length")));
        Assert.Equal("kept", Assert.Single(up.HeaderValues("x-caller-note")));
        Assert.Equal("Bearer " + Sentinels.GatewayKey, Assert.Single(up.HeaderValues("Authorization")));
        Sentinels.AssertAbsent(Sentinels.CallerKey, up.AllText, "the managed upload");
        Sentinels.AssertAbsent(Sentinels.GatewayKey, h.Logs.Text, "the logs");
        await h.Logs.WaitForAsync(l => l.Contains("Request files → openai/files: 200 after 1 attempt(s)", StringComparison.Ordinal), Wait);
    }

    [Theory]
    [InlineData("GET", "/v1/files?purpose=batch&limit=2", "/oai/v1/files", "?purpose=batch&limit=2")]
    [InlineData("GET", "/v1/files/file-abc_1", "/oai/v1/files/file-abc_1", "")]
    [InlineData("DELETE", "/v1/files/file-abc_1", "/oai/v1/files/file-abc_1", "")]
    [InlineData("GET", "/v1/files/file-abc_1/content", "/oai/v1/files/file-abc_1/content", "")]
    public async Task X9_FilesEndpoints_AreRelayed_ToTheFilesProvider(string method, string path, string upstreamPath, string query)
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = Echo;

        using var response = await h.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True(HttpStatusCode.OK == response.StatusCode, h.Logs.Text);
        var up = h.SingleUpstreamRequest();
        Assert.Equal((method, upstreamPath, query), (up.Method, up.Path, up.Query));
        Assert.Empty(up.Body);
        Assert.Equal("Bearer " + Sentinels.GatewayKey, Assert.Single(up.HeaderValues("Authorization")));
    }

    [Theory]
    [InlineData("GET", "/v1/responses/resp_abc?include%5B%5D=message.input_image.image_url", "/oai/v1/responses/resp_abc", "?include%5B%5D=message.input_image.image_url", null)]
    [InlineData("DELETE", "/v1/responses/resp_abc", "/oai/v1/responses/resp_abc", "", null)]
    [InlineData("GET", "/v1/responses/resp_abc/input_items?limit=1&order=asc", "/oai/v1/responses/resp_abc/input_items", "?limit=1&order=asc", null)]
    [InlineData("POST", "/v1/responses/resp_abc/cancel", "/oai/v1/responses/resp_abc/cancel", "", "{}")]
    public async Task X9_StoredResponses_Passthrough_AreRelayed_WithTheCallersKey(string method, string path, string upstreamPath, string query, string? body)
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = Echo;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sentinels.CallerKey);

        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("responses", Assert.Single(response.Headers.GetValues("x-gateway-route")));
        var up = h.SingleUpstreamRequest();
        Assert.Equal((method, upstreamPath, query), (up.Method, up.Path, up.Query));
        Assert.Equal(body ?? "", up.BodyText);
        Assert.Equal("Bearer " + Sentinels.CallerKey, Assert.Single(up.HeaderValues("Authorization")));
        Sentinels.AssertAbsent(Sentinels.GatewayKey, up.AllText, "a passthrough stored-response call");
    }

    [Fact]
    public async Task X9_StoredResponse_Streamed_IsRelayedAsAnEventStream()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        string[] events = ["event: response.created\ndata: {\"type\":\"response.created\"}\n\n", "event: response.completed\ndata: {\"type\":\"response.completed\"}\n\n"];
        h.Upstream.Handler = context => UpstreamScripts.Sse(context, events, TimeSpan.FromMilliseconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/responses/resp_abc?stream=true&starting_after=3");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sentinels.CallerKey);

        using var response = await h.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal(string.Concat(events), await response.Content.ReadAsStringAsync());
        Assert.Equal("?stream=true&starting_after=3", h.SingleUpstreamRequest().Query);
    }

    [Fact]
    public async Task X9_Passthrough_WithoutACallerKey_Is401_AndNothingIsSent()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);

        using var response = await h.Client.GetAsync("/v1/responses/resp_abc");

        await ErrorAssert.OpenAiAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Empty(h.Upstream.Requests);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Theory]
    [InlineData("POST", "/v1/files")]
    [InlineData("GET", "/v1/files")]
    [InlineData("GET", "/v1/files/file-1/content")]
    [InlineData("DELETE", "/v1/files/file-1")]
    [InlineData("GET", "/v1/responses/resp_1")]
    [InlineData("DELETE", "/v1/responses/resp_1")]
    public Task X9_WithoutTheTable_TheEndpointsAre404(string method, string path) => AssertNotFoundAsync(Scenario.Default, method, path);

    [Theory]
    [InlineData("PUT", "/v1/files")]
    [InlineData("POST", "/v1/files/file-1")]
    [InlineData("GET", "/v1/files/")]
    [InlineData("GET", "/v1/files/file-1/")]
    [InlineData("GET", "/v1/files/file.1")]
    [InlineData("GET", "/v1/files/file-1%2Fcontent")]
    [InlineData("GET", "/v1/files/file-1/content/x")]
    [InlineData("GET", "/v1/Files/file-1")]
    [InlineData("GET", "/v1/responses/resp_1/cancel")]
    [InlineData("POST", "/v1/responses/resp_1")]
    [InlineData("GET", "/v1/responses/resp_1/other")]
    public Task X9_OtherSpellings_Are404_AndReachNoUpstream(string method, string path) => AssertNotFoundAsync(StoredScenario.Toml, method, path);

    /// <summary>The request is the gateway's own 404 in the OpenAI shape and nothing reaches the upstream.</summary>
    private static async Task AssertNotFoundAsync(string toml, string method, string path)
    {
        await using var h = await GatewayHarness.StartAsync(toml);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sentinels.CallerKey);

        using var response = await h.Client.SendAsync(request);

        await ErrorAssert.OpenAiAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Empty(h.Upstream.Requests);
    }

    [Fact]
    public async Task R21_UploadOverMaxBytes_ByContentLength_Is413_BeforeAnyUpstreamWork()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);

        using var response = await h.Client.PostAsync("/v1/files", new ByteArrayContent(new byte[StoredScenario.MaxUploadBytes + 1]));

        var error = await ErrorAssert.OpenAiAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Contains("4096 bytes", error, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task R21_UploadAtMaxBytes_IsRelayed()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = Echo;

        using var response = await h.Client.PostAsync("/v1/files", new ChunkedContent(new byte[StoredScenario.MaxUploadBytes]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StoredScenario.MaxUploadBytes, h.SingleUpstreamRequest().Body.Length);
    }

    [Fact]
    public async Task R21_ChunkedUploadOverMaxBytes_Is413_AndTheUpstreamSeesItsRequestAborted()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.StreamsBodies = true;
        var upstreamRead = new TaskCompletionSource<(long Bytes, bool Broke)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstreamStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = async context =>
        {
            long total = 0;
            var buffer = new byte[1024];
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
                {
                    total += read;
                    upstreamStarted.TrySetResult();
                }
                upstreamRead.TrySetResult((total, false));
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                upstreamRead.TrySetResult((total, true));
            }
        };

        // The first kilobyte reaches the upstream before the rest is sent: the cut happens mid-request.
        using var response = await h.Client.PostAsync("/v1/files", new ChunkedContent(new byte[3 * StoredScenario.MaxUploadBytes], chunk: 1024, afterFirstChunk: upstreamStarted.Task));

        await ErrorAssert.OpenAiAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        var (bytes, broke) = await upstreamRead.Task.WaitAsync(Wait);
        Assert.True(broke, "the upstream read the upload to its end: the gateway did not abort it");
        Assert.True(bytes <= StoredScenario.MaxUploadBytes, $"the upstream got {bytes} bytes, more than the limit");
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("80000000")]
    public async Task R21_MalformedChunkedUpload_Is400InvalidRequest(string chunkSize)
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);

        var response = await RawHttp.SendAsync(h.Address,
            "POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunkSize + "\r\nabc");

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", response.Header("x-gateway-error-code"));
        Assert.Empty(h.Upstream.Requests); // an upstream request that was started is aborted, never completed
    }

    [Fact]
    public async Task X9_ManagedUpstream401_Is502_WithoutTheUpstreamBody()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 401, """{"error":{"message":"bad key sk-GATEWAY-SENTINEL-echo"}}""");

        using var response = await h.Client.GetAsync("/v1/files");

        var body = await ErrorAssert.OpenAiAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed");
        Assert.DoesNotContain("SENTINEL", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X9_UpstreamNotFound_IsRelayedAsIs()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = new StoredScripts().Handle;

        using var response = await h.Client.GetAsync("/v1/files/file-404");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such File object", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task X9_ADownload_CountsAsInFlight_UntilItEnds()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync("part one,"u8.ToArray());
            await context.Response.Body.FlushAsync();
            started.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync("part two"u8.ToArray());
        };
        var inFlight = h.App.Services.GetRequiredService<HostState>().InFlight;

        using var response = await h.Client.GetAsync("/v1/files/file-1/content", HttpCompletionOption.ResponseHeadersRead);
        await started.Task.WaitAsync(Wait);
        Assert.Equal(1, inFlight.Count);
        release.TrySetResult();

        Assert.Equal("part one,part two", await response.Content.ReadAsStringAsync());
        await inFlight.WhenIdleAsync().WaitAsync(Wait);
    }
}
