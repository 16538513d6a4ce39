using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Gateway.Host.FunctionalTests.Keys;

/// <summary>
/// RELIABILITY A2 across processes: real gateway replicas (child processes of the built host) sharing one
/// real <c>redis-server</c> on loopback (docs/limits.md, "Shared store").
/// </summary>
public sealed class SharedLimitsTests(SharedLimitsTests.BuiltHost built, ITestOutputHelper output) : IClassFixture<SharedLimitsTests.BuiltHost>
{
    private const int Limit = 50;
    private const string StoreDownLine = "The limit store is unreachable";
    private const string StoreBackLine = "The limit store is reachable again";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static readonly string LoadKey = "sk-gw-LOAD-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private static readonly string SteadyKey = "sk-gw-STEADY-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    [Fact]
    public async Task A2_TwoProcesses_OneRedis_AdmitExactlyTheLimit_UnderConcurrentLoadFromBothSides()
    {
        var setup = Stopwatch.StartNew();
        var (upstream, gatewayDll) = await built.GetAsync();
        output.WriteLine($"host build (paid by the first test of the class): {setup.ElapsedMilliseconds} ms");
        setup.Restart();
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await GatewayReplicas.StartAsync(gatewayDll, 2, Environment(redis));
        output.WriteLine($"redis-server and two gateway processes up: {setup.ElapsedMilliseconds} ms");
        // Warm both processes up on the other key (JIT, connection to Redis and to the upstream), so the
        // burst measures the limit, not a cold start; the load key's window is untouched.
        foreach (var client in replicas.Clients)
        {
            using var warm = await GatewayReplicas.ChatAsync(client, SteadyKey);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        var before = upstream.Requests.Count;

        // Windows are fixed UTC minutes. Aligns the burst with the wall-clock window so that it cannot
        // straddle two windows (which would rightly admit up to 2 × N); it is not synchronisation.
        var now = DateTimeOffset.UtcNow;
        var minuteLeft = TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond);
        if (minuteLeft < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(minuteLeft + TimeSpan.FromMilliseconds(20));
        }
        var windowAtStart = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        var burst = Stopwatch.StartNew();

        // 4 × N requests, 10 client tasks on each process, all started together.
        const int tasksPerSide = 10;
        const int requestsPerTask = 4 * Limit / (2 * tasksPerSide);
        var workers = replicas.Clients
            .SelectMany(client => Enumerable.Range(0, tasksPerSide).Select(_ => Task.Run(async () =>
            {
                var answers = new List<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)>();
                for (var i = 0; i < requestsPerTask; i++)
                {
                    using var response = await GatewayReplicas.ChatAsync(client, LoadKey);
                    answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta));
                }
                return answers;
            })))
            .ToArray();
        var perSide = (await Task.WhenAll(workers)).Chunk(tasksPerSide).Select(side => side.SelectMany(a => a).ToList()).ToList();
        Assert.Equal(windowAtStart, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60);
        output.WriteLine($"burst of {4 * Limit} requests from {2 * tasksPerSide} tasks: {burst.ElapsedMilliseconds} ms (waited for the next minute: {minuteLeft < TimeSpan.FromSeconds(15)})");

        var all = perSide.SelectMany(side => side).ToList();
        Assert.Equal(4 * Limit, all.Count);
        Assert.Equal(Limit, all.Count(a => a.Status == HttpStatusCode.OK));
        var refused = all.Where(a => a.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(3 * Limit, refused.Count);
        foreach (var (status, body, retryAfter) in refused)
        {
            Assert.Equal((HttpStatusCode)429, status);
            Assert.Equal("rate_limit_exceeded", ErrorCode(body));
            Assert.InRange(retryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }
        // Both processes took part: each was refused at least once, so every lease was used up.
        Assert.All(perSide, side => Assert.Contains(side, a => a.Status == (HttpStatusCode)429));
        Assert.Equal(Limit, upstream.Requests.Count - before);
    }

    [Fact]
    public async Task A2_RedisKilledMidLoad_Deny_Answers503InTheCallersEnvelope_HealthStays200_OneWarning_RecoversWithoutRestart()
    {
        var setup = Stopwatch.StartNew();
        var (_, gatewayDll) = await built.GetAsync();
        output.WriteLine($"host build (paid by the first test of the class): {setup.ElapsedMilliseconds} ms");
        setup.Restart();
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await GatewayReplicas.StartAsync(gatewayDll, 2, Environment(redis));
        output.WriteLine($"redis-server and two gateway processes up: {setup.ElapsedMilliseconds} ms");
        foreach (var client in replicas.Clients)
        {
            using var ok = await GatewayReplicas.ChatAsync(client, SteadyKey);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await redis.KillAsync();

        // Each process may still admit what is left of its lease (it was granted); then it answers 503.
        foreach (var client in replicas.Clients)
        {
            var outage = Stopwatch.StartNew();
            while (true)
            {
                var started = Stopwatch.StartNew();
                using var response = await GatewayReplicas.ChatAsync(client, SteadyKey);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal("limits_unavailable", ErrorCode(await response.Content.ReadAsStringAsync()));
                    // The lease wait is bounded (1 s in the host); fail-fast usually answers at once.
                    Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
                    output.WriteLine($"first 503 {outage.ElapsedMilliseconds} ms after the kill; it took {started.ElapsedMilliseconds} ms");
                    break;
                }
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(outage.Elapsed < Deadline, "no 503 within the deadline after Redis was killed");
            }

            // More requests during the same outage: all refused, in the caller's envelope; health unaffected.
            for (var i = 0; i < 5; i++)
            {
                using var again = await GatewayReplicas.ChatAsync(client, SteadyKey);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            }
            using var anthropic = await GatewayReplicas.MessageAsync(client, SteadyKey);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, anthropic.StatusCode);
            using (var body = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()))
            {
                Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
                Assert.Equal("overloaded_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        await redis.StartAgainAsync();

        // Same processes, same port: StackExchange.Redis reconnects by itself and leases are taken again.
        foreach (var client in replicas.Clients)
        {
            var recovery = Stopwatch.StartNew();
            while (true)
            {
                using var response = await GatewayReplicas.ChatAsync(client, SteadyKey);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    output.WriteLine($"admitted again {recovery.ElapsedMilliseconds} ms after the restart was checked");
                    break;
                }
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(recovery.Elapsed < Deadline, "requests not admitted again within the deadline after Redis came back");
                // Paces the poll (a reconnect attempt runs every 500 ms); the loop's exit is the 200, not this delay.
                await Task.Delay(50);
            }
        }
        foreach (var process in replicas.Processes)
        {
            // The console logger writes in order, so once the recovery line is out every outage line is too.
            await process.WaitForLineAsync(StoreBackLine, Deadline);
            Assert.Single(Regex.Matches(process.Output, StoreDownLine));
        }
    }

    [Fact]
    public async Task A2_RedisKilled_Allow_KeepsServing_OneWarning()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var h = await GatewayHarness.StartAsync(AllowToml, credentials: new Dictionary<string, string>
        {
            ["STEADY_KEY"] = SteadyKey,
            ["REDIS_URL"] = redis.Connection,
        });
        using (var ok = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", SteadyKey))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await redis.KillAsync();

        // Served through the rest of the lease and on past it: the outage is logged, not answered.
        var sent = 1;
        var outage = Stopwatch.StartNew();
        while (!h.Logs.Text.Contains(StoreDownLine, StringComparison.Ordinal))
        {
            using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", SteadyKey);
            sent++;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(outage.Elapsed < Deadline, "the outage was never noticed");
        }
        for (var i = 0; i < 10; i++)
        {
            using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", SteadyKey);
            sent++;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(sent, h.Upstream.Requests.Count);
        var warning = Assert.Single(h.Logs.Text.Split('\n'), line => line.Contains(StoreDownLine, StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning, StringComparison.Ordinal);
        Assert.Contains("allowed", warning, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(RedisServer redis) => new()
    {
        ["LOAD_KEY"] = LoadKey,
        ["STEADY_KEY"] = SteadyKey,
        ["REDIS_URL"] = redis.Connection,
    };

    private static string? ErrorCode(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    private const string AllowToml = """
        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model"]
        credential = "env::FAKE_API_KEY"

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]

        [keys.steady]
        secret = "env::STEADY_KEY"
        requests_per_minute = 1000000

        [limits]
        store = "redis"
        redis = "env::REDIS_URL"
        on_store_error = "allow"
        """;

    /// <summary>
    /// One fake upstream and the host built against it (with <c>[limits] store = "redis"</c>), shared by the
    /// child-process tests of the class; started on first use, so the in-process test does not pay for the build.
    /// </summary>
    public sealed class BuiltHost : IAsyncLifetime
    {
        private readonly Lazy<Task<(FakeUpstream Upstream, string GatewayDll)>> _built = new(BuildAsync);

        internal Task<(FakeUpstream Upstream, string GatewayDll)> GetAsync() => _built.Value;

        private static async Task<(FakeUpstream, string)> BuildAsync()
        {
            var upstream = await FakeUpstream.StartAsync();
            var toml = ChildHostConfig.SmartRoute(upstream.Port) + $$"""


                [keys.load]
                secret = "env::LOAD_KEY"
                requests_per_minute = {{Limit}}

                [keys.steady]
                secret = "env::STEADY_KEY"
                requests_per_minute = 1000000

                [limits]
                store = "redis"
                redis = "env::REDIS_URL"
                on_store_error = "deny"
                """;
            return (upstream, await HostBuild.GetAsync(toml));
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_built.IsValueCreated && _built.Value.IsCompletedSuccessfully)
            {
                await (await _built.Value).Upstream.DisposeAsync();
            }
        }
    }
}
