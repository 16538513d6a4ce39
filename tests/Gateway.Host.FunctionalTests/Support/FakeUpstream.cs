using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A scripted LLM provider on 127.0.0.1:0 (RELIABILITY harness): each test sets <see cref="Handler"/>;
/// every request is recorded with its headers and body, accepted connections are counted, and the
/// moment the server saw <c>RequestAborted</c> is published.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;
    private TaskCompletionSource<TimeSpan> _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeUpstream(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public Func<HttpContext, Task> Handler { get; set; } = UpstreamScripts.OpenAi;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>
    /// Leave the request body to the handler (recorded with an empty body, no size limit): for uploads that
    /// must be read as they stream, counted, or seen to break off.
    /// </summary>
    public bool StreamsBodies { get; set; }

    public int Connections => Volatile.Read(ref _connections);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Completes (with <see cref="Clock"/> time) when a request's RequestAborted fires before its handler finished.</summary>
    public Task<TimeSpan> Aborted => _aborted.Task;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        FakeUpstream? upstream = null;
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => context =>
        {
            Interlocked.Increment(ref upstream!._connections);
            return next(context);
        })));
        var app = builder.Build();
        upstream = new FakeUpstream(app);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = new MemoryStream();
        if (StreamsBodies)
        {
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        }
        else
        {
            await request.Body.CopyToAsync(body);
        }
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body.ToArray()));
        context.Items["body"] = body.ToArray();
        var done = false;
        using var registration = context.RequestAborted.Register(() =>
        {
            if (!Volatile.Read(ref done)) _aborted.TrySetResult(Clock.Elapsed);
        });
        try
        {
            await Handler(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The handler ended because the caller went away. Published here as well as by the registration:
            // Cancel runs the handler's own (later) registration first, its continuation can finish this
            // method inline, and disposing our registration then means it never runs.
            _aborted.TrySetResult(Clock.Elapsed);
        }
        finally
        {
            Volatile.Write(ref done, true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token);
        await _app.DisposeAsync();
    }
}
