using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Gateway.Runtime.Tests.Support;

/// <summary>
/// The runtime unit tests' upstream: an <see cref="HttpMessageHandler"/> under the real
/// <c>UpstreamClients</c> that answers call n (from 1) with <c>script(request, n)</c> and records what each
/// call carried. Functional tests use a real fake upstream on loopback instead.
/// </summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> script) : HttpMessageHandler
{
    private int _calls;

    /// <summary>Path, bearer credential and <c>traceparent</c> of every call, in order.</summary>
    public ConcurrentQueue<ScriptedCall> Calls { get; } = new();

    /// <summary>Released once per call, after the answer was scripted.</summary>
    public SemaphoreSlim Called { get; } = new(0);

    public static HttpResponseMessage Json(int status, string body = "{}") =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var traceParent = request.Headers.TryGetValues("traceparent", out var values) ? values.Single() : null;
        Calls.Enqueue(new ScriptedCall(request.RequestUri!.AbsolutePath, request.Headers.Authorization?.Parameter, traceParent));
        var response = script(request, Interlocked.Increment(ref _calls));
        Called.Release();
        return Task.FromResult(response);
    }
}

internal sealed record ScriptedCall(string Path, string? Bearer, string? TraceParent);
