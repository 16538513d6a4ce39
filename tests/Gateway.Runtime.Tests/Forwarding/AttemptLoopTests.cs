using System.Text;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Tests.Support;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Runtime.Tests.Forwarding;

/// <summary>
/// The forwarder's attempt loop over a scripted <see cref="HttpMessageHandler"/> and a
/// <see cref="FakeTimeProvider"/>: backoff waits on the injected clock, so the test moves time instead of sleeping.
/// </summary>
public sealed class AttemptLoopTests
{
    /// <summary>Signals when the loop starts waiting on the fake clock (Task.Delay creates a timer).</summary>
    private sealed class SignallingTime : FakeTimeProvider
    {
        public SemaphoreSlim TimerCreated { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.Release();
            return timer;
        }
    }

    private static HttpResponseMessage Status(int status, string body = "{}") => ScriptedHandler.Json(status, body);

    private static (GatewayForwarder Forwarder, ScriptedHandler Handler) Create(TimeProvider time, RetrySettings retry, Func<HttpRequestMessage, int, HttpResponseMessage> script)
    {
        ProviderDefinition a = new(0, "pa", "http://127.0.0.1:1/a/v1", AuthScheme.Bearer, "", [], 30_000, ["ma"]);
        ProviderDefinition b = new(1, "pb", "http://127.0.0.1:1/b/v1", AuthScheme.Bearer, "", [], 30_000, ["mb"]);
        TargetDefinition ta = new("ta", a, "ma", 0, 1, 30_000);
        TargetDefinition tb = new("tb", b, "mb", 1, 1, 30_000);
        var route = new RouteDefinition(0, "fb", RouteKind.Route, EndpointKind.Chat, [new StepDefinition(StrategyKind.Fallback, [ta, tb])], retry);
        var gateway = new TestGateway([a, b], [route], [("fb", EndpointKind.Chat, 0)]);
        var handler = new ScriptedHandler(script);
        var clients = new UpstreamClients(gateway.Providers, () => handler);
        var runtime = new GatewayRuntime(gateway, [new Secret("key-a"), new Secret("key-b")], new Random(5), time, clients: clients);
        return (new GatewayForwarder(runtime, new ResponseRelay(NullLogger<ResponseRelay>.Instance), NullLogger<GatewayForwarder>.Instance), handler);
    }

    private static DefaultHttpContext Context(string json = """{"model":"fb"}""")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public async Task R12_RetryBackoff_WaitsOnTheInjectedClock_ThenRetriesTheSameTarget()
    {
        var time = new SignallingTime();
        var (forwarder, handler) = Create(time, new RetrySettings(1, 1_000), (_, call) => call == 1 ? Status(503) : Status(200));
        var context = Context();

        var forwarding = forwarder.ForwardAsync(context, IngressEndpoints.Chat);
        Assert.True(await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(10)), "the loop never started its backoff");
        Assert.Single(handler.Calls);

        time.Advance(TimeSpan.FromMilliseconds(499)); // jitter is in [0.5, 1.0] × 1000 ms: not yet
        Assert.Single(handler.Calls);
        time.Advance(TimeSpan.FromMilliseconds(501));
        await forwarding.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(["/a/v1/chat/completions", "/a/v1/chat/completions"], handler.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task R12_RetryAfterHeader_ReplacesTheBackoff()
    {
        var time = new SignallingTime();
        var (forwarder, handler) = Create(time, new RetrySettings(1, 1), (_, call) =>
        {
            if (call > 1) return Status(200);
            var response = Status(429);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        var context = Context();
        var forwarding = forwarder.ForwardAsync(context, IngressEndpoints.Chat);
        Assert.True(await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(10)));

        time.Advance(TimeSpan.FromSeconds(6.9)); // a 1 ms backoff would long be over
        Assert.Single(handler.Calls);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await forwarding.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, handler.Calls.Count);
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task S3_Fallback_UsesEachTargetsOwnCredential_AndNoHeaderOfTheFailedAttemptLeaks()
    {
        var (forwarder, handler) = Create(new FakeTimeProvider(), new RetrySettings(0, 0), (request, _) =>
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/a/", StringComparison.Ordinal))
            {
                var failed = Status(500);
                failed.Headers.TryAddWithoutValidation("x-from-a", "leak");
                return failed;
            }
            return Status(200, """{"ok":true}""");
        });
        var context = Context();
        await forwarder.ForwardAsync(context, IngressEndpoints.Chat).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([("/a/v1/chat/completions", "key-a"), ("/b/v1/chat/completions", "key-b")], handler.Calls.Select(c => (c.Path, c.Bearer)).ToArray());
        Assert.Equal(200, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("x-from-a"));
        Assert.Equal("tb", context.Response.Headers["x-gateway-target"].ToString());
    }

    [Fact]
    public async Task R09_NonRetryableStatus_IsReturnedAsIs_WithOneAttempt()
    {
        var (forwarder, handler) = Create(new FakeTimeProvider(), new RetrySettings(2, 0), (_, _) => Status(422, """{"error":{"message":"bad"}}"""));
        var context = Context();
        await forwarder.ForwardAsync(context, IngressEndpoints.Chat).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(422, context.Response.StatusCode);
        Assert.Single(handler.Calls);
        Assert.Equal("""{"error":{"message":"bad"}}""", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
