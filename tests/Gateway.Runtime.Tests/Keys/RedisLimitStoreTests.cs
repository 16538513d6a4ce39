using System.Diagnostics;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Keys.Redis;
using Gateway.Runtime.Tests.Support;
using StackExchange.Redis;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>
/// The Redis limit store against a real redis-server (RELIABILITY A2, docs/limits.md "Shared store
/// (Redis)"). Two stores on one server stand for two replicas. The background flush is off
/// (<see cref="Timeout.InfiniteTimeSpan"/>) so every flush the tests rely on is awaited.
/// </summary>
public sealed class RedisLimitStoreTests
{
    private static RedisLimitStore Replica(RedisServer redis, Action<bool>? availabilityChanged = null) =>
        new(redis.Connection, availabilityChanged, flushInterval: Timeout.InfiniteTimeSpan);

    /// <summary>
    /// A replica for the exactness tests: a thousand tasks started at once on a shared two-core machine can
    /// keep a lease's waiters off the CPU past the 250 ms Unavailable bound; that is the outage path, tested
    /// on its own, so here a request waits for its lease as long as Redis answers.
    /// </summary>
    private static RedisLimitStore PatientReplica(RedisServer redis) =>
        new(redis.Connection, flushInterval: Timeout.InfiniteTimeSpan, unavailableAfter: TimeSpan.FromSeconds(30));

    /// <summary>Every attempt starts at once from its own task, half on each replica.</summary>
    private static async Task<StoreAnswer[]> TakeConcurrentlyAsync(RedisLimitStore a, RedisLimitStore b, WindowCounter counter, long limit, int attempts)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await (i % 2 == 0 ? a : b).TryTakeAsync(counter, limit, CancellationToken.None);
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Theory]
    [InlineData(100, 1_000)]
    [InlineData(1_000, 3_000)]
    [InlineData(7, 200)]
    public async Task A2_TwoReplicas_AdmitExactlyTheLimit_UnderConcurrentLoad(long limit, int attempts)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = PatientReplica(redis);
        await using var b = PatientReplica(redis);
        var counter = Windows.Minute("team-a", CounterKind.Requests);

        var answers = await TakeConcurrentlyAsync(a, b, counter, limit, attempts);

        Assert.Equal(limit, answers.Count(answer => answer == StoreAnswer.Taken));
        Assert.Equal(attempts - limit, answers.Count(answer => answer == StoreAnswer.AtLimit));
        // Every lease was used: Redis granted exactly the limit, no more.
        var admin = await redis.AdminAsync();
        Assert.Equal(limit, (long)await admin.GetDatabase().HashGetAsync(RedisLimitStore.KeyFor(counter), RedisLimitStore.TotalField));
        Assert.Equal(StoreAnswer.AtLimit, await a.TryTakeAsync(counter, limit, CancellationToken.None));
        Assert.Equal(StoreAnswer.AtLimit, await b.TryTakeAsync(counter, limit, CancellationToken.None));
    }

    [Fact]
    public async Task A2_Leases_MakeFarFewerRoundTripsThanRequests()
    {
        const long limit = 1_000;
        await using var redis = await RedisServer.StartAsync();
        await using var a = PatientReplica(redis);
        await using var b = PatientReplica(redis);
        var counter = Windows.Minute("busy", CounterKind.Requests);
        await redis.ResetStatsAsync();

        var answers = await TakeConcurrentlyAsync(a, b, counter, limit, attempts: 4_000);

        Assert.Equal(limit, answers.Count(answer => answer == StoreAnswer.Taken));
        var scripts = await redis.ScriptCallsAsync();
        Assert.True(scripts < limit / 4, $"{scripts} lease scripts for {limit} admitted requests");
        Assert.True(scripts >= 2, "each replica took at least one lease");
    }

    [Fact]
    public async Task A2_Additions_FromTwoReplicas_SumExactly_InRedisAndInCurrent()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = Replica(redis);
        await using var b = Replica(redis);
        var tokens = Windows.Minute("team-b", CounterKind.Tokens);
        var spend = Windows.Minute("team-b", CounterKind.SpendMicroUsd);

        // 1,000 additions from many tasks on both replicas; flushes race with them on purpose.
        var additions = Enumerable.Range(1, 1_000).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? a : b;
            store.Add(tokens, i);
            store.Add(spend, 3 * i);
            if (i % 97 == 0)
            {
                await store.FlushAsync();
            }
        })).ToArray();
        await Task.WhenAll(additions);
        await a.FlushAsync();
        await b.FlushAsync();
        // A second flush on A reads B's additions back (the reply is the window's total).
        await a.FlushAsync();

        const long expectedTokens = 1_000 * 1_001 / 2;
        var admin = (await redis.AdminAsync()).GetDatabase();
        Assert.Equal(expectedTokens, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(tokens), RedisLimitStore.TotalField));
        Assert.Equal(3 * expectedTokens, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(spend), RedisLimitStore.TotalField));
        Assert.Equal(new StoreReading(true, expectedTokens), a.Current(tokens));
        Assert.Equal(new StoreReading(true, expectedTokens), b.Current(tokens));
        Assert.Equal(new StoreReading(true, 3 * expectedTokens), a.Current(spend));
    }

    [Fact]
    public async Task A2_Additions_AreFlushedInTheBackground_AndOtherReplicasSeeThem()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = new RedisLimitStore(redis.Connection, flushInterval: TimeSpan.FromMilliseconds(20));
        await using var b = new RedisLimitStore(redis.Connection, flushInterval: TimeSpan.FromMilliseconds(20));
        var tokens = Windows.Minute("team-g", CounterKind.Tokens);
        Assert.Equal(new StoreReading(true, 0), b.Current(tokens));

        a.Add(tokens, 1234);

        // No FlushAsync: A's loop sends, B's loop reads the total back (poll with a deadline, no sleep).
        var deadline = Stopwatch.StartNew();
        while (b.Current(tokens) != new StoreReading(true, 1234))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"B still reads {b.Current(tokens)}");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task A2_Current_IncludesWhatThisReplicaAddedAndHasNotSent()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = Replica(redis);
        var tokens = Windows.Minute("team-c", CounterKind.Tokens);

        a.Add(tokens, 40);
        Assert.Equal(new StoreReading(true, 40), a.Current(tokens));
        await a.FlushAsync();
        a.Add(tokens, 2);
        Assert.Equal(new StoreReading(true, 42), a.Current(tokens));
    }

    [Fact]
    public async Task A2_RedisStopped_AnswersUnavailableQuickly_ThenRecoversWithoutANewStore()
    {
        const long limit = 100_000;
        await using var redis = await RedisServer.StartAsync();
        var changes = new List<bool>();
        await using var store = Replica(redis, available => { lock (changes) { changes.Add(available); } });
        var requests = Windows.Minute("team-d", CounterKind.Requests);
        var tokens = Windows.Minute("team-d", CounterKind.Tokens);
        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(requests, limit, CancellationToken.None));
        store.Add(tokens, 5);
        await store.FlushAsync();

        await redis.KillAsync();

        // What is left of the lease is still admitted (it was granted); after that, Unavailable within the bound.
        var takenFromLease = 0;
        var clock = Stopwatch.StartNew();
        StoreAnswer answer;
        while ((answer = await store.TryTakeAsync(requests, limit, CancellationToken.None)) == StoreAnswer.Taken)
        {
            takenFromLease++;
            // At most what a replica can hold: half its previous grant plus one new grant (docs/limits.md).
            Assert.True(takenFromLease <= RedisLimitStore.MaxLease * 3 / 2, "admitted more than the lease while Redis is away");
            clock.Restart();
        }
        Assert.Equal(StoreAnswer.Unavailable, answer);
        Assert.True(clock.Elapsed < RedisLimitStore.DefaultUnavailableAfter + TimeSpan.FromMilliseconds(150), $"Unavailable after {clock.Elapsed.TotalMilliseconds:F0} ms");

        // Many more requests and additions during the outage: one availability change, amounts kept.
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(StoreAnswer.Unavailable, await store.TryTakeAsync(requests, limit, CancellationToken.None));
            store.Add(tokens, 10);
            await store.FlushAsync();
        }
        Assert.Equal(new StoreReading(true, 5 + 500), store.Current(tokens));
        lock (changes)
        {
            Assert.Equal([false], changes);
        }

        await redis.StartAgainAsync();

        // StackExchange.Redis reconnects by itself: the same store takes again (poll with a deadline, no sleep).
        var deadline = Stopwatch.StartNew();
        while (await store.TryTakeAsync(requests, limit, CancellationToken.None) != StoreAnswer.Taken)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the store did not recover after Redis came back");
            await Task.Yield();
        }
        await store.FlushAsync();

        // The restarted server kept nothing (no persistence): what it holds is exactly what was added during the outage.
        var admin = (await redis.AdminAsync()).GetDatabase();
        Assert.Equal(500, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(tokens), RedisLimitStore.TotalField));
        Assert.Equal(new StoreReading(true, 500), store.Current(tokens));
        lock (changes)
        {
            Assert.Equal([false, true], changes);
        }
    }

    [Fact]
    public async Task A2_NeverReachable_TakeIsUnavailableWithinTheBound_CurrentIsUnavailable()
    {
        // A port nothing listens on: the server is started and stopped to learn a free one.
        int port;
        await using (var gone = await RedisServer.StartAsync())
        {
            port = gone.Port;
        }
        var changes = new List<bool>();
        await using var store = new RedisLimitStore($"127.0.0.1:{port}", changes.Add, Timeout.InfiniteTimeSpan);
        var counter = Windows.Minute("team-e", CounterKind.Requests);

        var clock = Stopwatch.StartNew();
        Assert.Equal(StoreAnswer.Unavailable, await store.TryTakeAsync(counter, 10, CancellationToken.None));
        Assert.True(clock.Elapsed < RedisLimitStore.DefaultUnavailableAfter + TimeSpan.FromMilliseconds(150), $"Unavailable after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(StoreReading.Unavailable, store.Current(Windows.Minute("team-e", CounterKind.Tokens)));
        Assert.Equal([false], changes);
    }

    [Fact]
    public async Task A2_NewWindow_StartsANewLeaseAndKey_ThatExpireByThemselves()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var store = Replica(redis);
        var first = Windows.Minute("team-f", CounterKind.Requests);
        var next = Windows.Minute("team-f", CounterKind.Requests, minutesFromNow: 1);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(first, 10, CancellationToken.None));
        }
        Assert.Equal(StoreAnswer.AtLimit, await store.TryTakeAsync(first, 10, CancellationToken.None));
        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(next, 10, CancellationToken.None));

        var admin = (await redis.AdminAsync()).GetDatabase();
        Assert.Equal(10, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(first), RedisLimitStore.TotalField));
        var expiry = await admin.KeyExpireTimeAsync(RedisLimitStore.KeyFor(next));
        Assert.NotNull(expiry);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(next.WindowEndMs + UsageBatcher.ExpirySlackMs).UtcDateTime, expiry.Value.ToUniversalTime());
        Assert.Equal($"gateway:team-f:requests:{first.WindowStartMs}", RedisLimitStore.KeyFor(first));
    }

    /// <summary>
    /// Pauses every client of the server for three command timeouts (<c>CLIENT PAUSE</c>): the store's next
    /// command times out (StackExchange.Redis checks about once a second) although Redis runs it when the
    /// pause ends. The returned task completes when the server answers again.
    /// </summary>
    private static async Task<Task> PauseServerAsync(IDatabase admin)
    {
        await admin.ExecuteAsync("CLIENT", "PAUSE", 3 * RedisConnectionString.TimeoutMs, "ALL");
        return admin.PingAsync();
    }

    [Fact]
    public async Task A3_ABatchWhoseAnswerWasLost_IsCountedOnce_WhenSentAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var store = Replica(redis);
        var tokens = Windows.Minute("team-h", CounterKind.Tokens);
        var admin = (await redis.AdminAsync()).GetDatabase();
        await store.FlushAsync(); // connected, scripts cached

        store.Add(tokens, 7);
        var resumed = await PauseServerAsync(admin);
        await store.FlushAsync(); // times out: Redis runs the batch once the pause ends, the store does not know
        Assert.False(store.Available);
        await resumed;

        store.Add(tokens, 5);
        await store.FlushAsync(); // the batch in doubt again, under its number: skipped by Redis
        await store.FlushAsync(); // then the 5

        Assert.Equal(12, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(tokens), RedisLimitStore.TotalField));
        Assert.Equal(new StoreReading(true, 12), store.Current(tokens));
    }

    [Fact]
    public async Task A2_ALeaseWhoseAnswerWasLost_IsNeitherLostNorGrantedTwice()
    {
        const long limit = 20;
        await using var redis = await RedisServer.StartAsync();
        await using var store = new RedisLimitStore(redis.Connection, flushInterval: Timeout.InfiniteTimeSpan, unavailableAfter: TimeSpan.FromMilliseconds(100));
        var requests = Windows.Minute("team-i", CounterKind.Requests);
        var admin = (await redis.AdminAsync()).GetDatabase();
        await store.FlushAsync();

        var resumed = await PauseServerAsync(admin);
        Assert.Equal(StoreAnswer.Unavailable, await store.TryTakeAsync(requests, limit, CancellationToken.None));
        await resumed;

        // The lease script ran after the pause; its answer was lost. Asked again under its number, Redis
        // hands this replica the grant it recorded, so exactly the limit is admitted in the end.
        var taken = 0;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answer = await store.TryTakeAsync(requests, limit, CancellationToken.None);
            if (answer == StoreAnswer.AtLimit) break;
            if (answer == StoreAnswer.Taken) taken++;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), $"still no answer at limit after {taken} taken");
        }

        Assert.Equal(limit, taken);
        Assert.Equal(limit, (long)await admin.HashGetAsync(RedisLimitStore.KeyFor(requests), RedisLimitStore.TotalField));
    }
}
