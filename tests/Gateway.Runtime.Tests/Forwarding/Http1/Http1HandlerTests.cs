using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Runtime.Forwarding.Http1;

namespace Gateway.Runtime.Tests.Forwarding.Http1;

/// <summary>
/// The plain-http upstream client against a byte-level server: framing (Content-Length, chunked, until
/// close), keep-alive reuse (P1), the stale keep-alive retry, and the errors the attempt loop classifies.
/// </summary>
public sealed class Http1HandlerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMessageInvoker invoker, Uri origin, string body = "{}", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, "v1/chat/completions?x=1"))
        {
            Content = new RequestBodyContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        configure?.Invoke(request);
        using var timeout = new CancellationTokenSource(Wait);
        var response = await invoker.SendAsync(request, timeout.Token);
        return (response, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>Answers every request on a connection with <paramref name="response"/>, written in pieces of <paramref name="pieceSize"/> bytes.</summary>
    private static Func<RawConnection, Task> Answer(string response, int pieceSize = int.MaxValue) => async connection =>
    {
        while (await connection.ReadRequestAsync() is not null)
        {
            await connection.WriteAsync(response, pieceSize);
        }
    };

    [Fact]
    public async Task P1_ContentLengthResponses_AreReadWhole_AndOneConnectionCarriesEveryRequest()
    {
        await using var upstream = new RawUpstream(Answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nx-request-id: r1\r\n\r\n{\"ok\":true}"));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        for (var i = 0; i < 3; i++)
        {
            var (response, body) = await SendAsync(invoker, upstream.Origin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"ok\":true}", body);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(11, response.Content.Headers.ContentLength);
            Assert.Equal("r1", response.Headers.GetValues("x-request-id").Single());
        }
        Assert.Equal(1, upstream.Connections);
    }

    [Fact]
    public async Task RequestHead_HasMethodPathHostHeadersAndContentLength_AndTheBodyFollows()
    {
        await using var upstream = new RawUpstream(Answer("HTTP/1.1 204 No Content\r\n\r\n"));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var (response, _) = await SendAsync(invoker, upstream.Origin, """{"model":"m"}""", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-test"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (head, body) = Assert.Single(upstream.Requests);
        var lines = head.Split("\r\n");
        Assert.Equal("POST /v1/chat/completions?x=1 HTTP/1.1", lines[0]);
        Assert.Contains($"Host: 127.0.0.1:{upstream.Origin.Port}", lines);
        Assert.Contains("Authorization: Bearer sk-test", lines);
        Assert.Contains("Content-Type: application/json", lines);
        Assert.Contains("Content-Length: 13", lines);
        Assert.Equal("""{"model":"m"}""", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ChunkedResponse_WithExtensionsAndTrailers_IsReassembled_InAnySplit_AndTheConnectionIsReused(int pieceSize)
    {
        const string Response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
            + "6\r\ndata: \r\n" + "A;ext=1\r\n{\"n\":\"x\"}\n\r\n" + "1\r\n\n\r\n" + "0\r\nx-trailer: t\r\n\r\n";
        await using var upstream = new RawUpstream(Answer(Response, pieceSize));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        for (var i = 0; i < 2; i++)
        {
            var (response, body) = await SendAsync(invoker, upstream.Origin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("data: {\"n\":\"x\"}\n\n", body);
        }
        Assert.Equal(1, upstream.Connections);
    }

    [Fact]
    public async Task NoLengthNoChunking_IsReadUntilClose_AndTheConnectionIsNotReused()
    {
        await using var upstream = new RawUpstream(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        });
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        Assert.Equal("until the end", (await SendAsync(invoker, upstream.Origin)).Body);
        Assert.Equal("until the end", (await SendAsync(invoker, upstream.Origin)).Body);
        Assert.Equal(2, upstream.Connections);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\nok\r\n0\r\n\r\n")] // TE and CL: read by TE, then close
    public async Task ResponsesThatEndTheConnection_AreReadWhole_AndNotReused(string response)
    {
        await using var upstream = new RawUpstream(Answer(response));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        Assert.Equal("ok", (await SendAsync(invoker, upstream.Origin)).Body);
        Assert.Equal("ok", (await SendAsync(invoker, upstream.Origin)).Body);
        Assert.Equal(2, upstream.Connections);
    }

    [Fact]
    public async Task Interim100Continue_IsSkipped_TheFinalResponseIsReturned()
    {
        await using var upstream = new RawUpstream(Answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n"));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var (response, _) = await SendAsync(invoker, upstream.Origin);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task KeepAliveClosedByTheUpstreamWhileIdle_TheRequestGoesOutOnceMoreOnAFreshConnection()
    {
        var firstClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = new RawUpstream(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            connection.Dispose(); // an idle timeout on the upstream's side, without "Connection: close"
            firstClosed.TrySetResult();
        });
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));
        Assert.Equal("ok", (await SendAsync(invoker, upstream.Origin)).Body);
        await firstClosed.Task.WaitAsync(Wait);

        Assert.Equal("ok", (await SendAsync(invoker, upstream.Origin)).Body);
        Assert.Equal(2, upstream.Connections);
        Assert.Equal(2, upstream.Requests.Count); // the dead connection carried nothing the upstream read
    }

    [Fact]
    public async Task FreshConnectionClosedWithoutAResponse_IsResponseEnded_AndNotSentTwice()
    {
        await using var upstream = new RawUpstream(async connection => await connection.ReadRequestAsync());
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(invoker, upstream.Origin));

        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Equal(1, upstream.Connections);
    }

    [Fact]
    public async Task NothingListening_IsAConnectionError()
    {
        var port = FreePort();
        using var invoker = new HttpMessageInvoker(new Http1Handler(new Uri($"http://127.0.0.1:{port}/")));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(invoker, new Uri($"http://127.0.0.1:{port}/")));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    [Theory]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n")]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nbad header line\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n folded: value\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok")]
    public async Task MalformedResponseHead_IsAnInvalidResponse(string response)
    {
        await using var upstream = new RawUpstream(Answer(response));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(invoker, upstream.Origin));

        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
    }

    [Fact]
    public async Task ResponseHeadOver64KiB_IsAnInvalidResponse()
    {
        var huge = "HTTP/1.1 200 OK\r\nx-big: " + new string('a', 70 * 1024) + "\r\n\r\n";
        await using var upstream = new RawUpstream(Answer(huge));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(invoker, upstream.Origin));

        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public async Task BodyCutShortOrMisframed_FailsTheRead_WithAnIOException(string raw)
    {
        await using var upstream = new RawUpstream(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(raw);
        });
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream.Origin, "v1/chat/completions")) { Content = new RequestBodyContent("{}"u8.ToArray()) };
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        await using var body = await response.Content.ReadAsStreamAsync();

        // As the relay reads it: straight from the stream (HttpContent's own buffering would wrap the error).
        await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null));
    }

    [Theory]
    [InlineData("sk-test\r\nX-Injected: 1")]
    [InlineData("sk-test\n")]
    [InlineData("clé")]
    public async Task HeaderValueHttp11CannotCarry_IsRefused_BeforeAnyConnection(string value)
    {
        await using var upstream = new RawUpstream(Answer("HTTP/1.1 204 No Content\r\n\r\n"));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(invoker, upstream.Origin, configure: r => r.Headers.TryAddWithoutValidation("api-key", value)));

        Assert.Equal(0, upstream.Connections);
    }

    [Fact]
    public async Task CancelledWhileWaitingForTheHead_ThrowsOperationCanceled_AndClosesTheConnection()
    {
        var closed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = new RawUpstream(async connection =>
        {
            await connection.ReadRequestAsync();
            closed.TrySetResult(await connection.ReadUntilClosedAsync()); // never answers
        });
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));
        using var cancellation = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream.Origin, "v1/chat/completions")) { Content = new RequestBodyContent("{}"u8.ToArray()) };

        var sending = invoker.SendAsync(request, cancellation.Token);
        while (upstream.Requests.IsEmpty) await Task.Yield(); // the request is at the upstream
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(0, await closed.Task.WaitAsync(Wait)); // the handler closed its side
    }

    [Fact]
    public async Task ResponseDisposedBeforeItsBodyWasRead_ItsConnectionIsNeverReused()
    {
        await using var upstream = new RawUpstream(Answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
        using var invoker = new HttpMessageInvoker(new Http1Handler(upstream.Origin));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream.Origin, "v1/chat/completions")) { Content = new RequestBodyContent("{}"u8.ToArray()) };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        Assert.Equal("hello", (await SendAsync(invoker, upstream.Origin)).Body);

        Assert.Equal(2, upstream.Connections);
    }

    private static int FreePort()
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
