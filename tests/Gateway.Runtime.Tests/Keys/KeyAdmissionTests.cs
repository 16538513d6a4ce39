using Gateway.Runtime.Credentials;
using Gateway.Runtime.Errors;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>Admission rules over the memory store and a fake clock: windows, budget, allow-list, store outage.</summary>
public sealed class KeyAdmissionTests
{
    // 2026-12-04 10:00:15 UTC: 45 s left in the minute, 14 h in the day.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 15, TimeSpan.Zero));

    private KeyAdmission Admission(KeyLimits limits, ILimitStore? store = null, StoreErrorPolicy policy = StoreErrorPolicy.Deny, ILogger? logger = null, ModelAllowList? models = null, bool passthrough = false) =>
        new(new KeyTable([new KeyDefinition("team", 0, null, models ?? ModelAllowList.EveryRoute, limits, passthrough)], [new Secret("sk-gw-team")]),
            store ?? new MemoryLimitStore(), policy, _time, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    [Fact]
    public async Task A2_RequestWindow_AdmitsTheLimit_ThenAnswers429UntilTheMinuteTurns()
    {
        var keys = Admission(new KeyLimits(3, null, null, BudgetPeriod.None));

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted);
        }
        var refused = await keys.AdmitAsync(0, default);

        Assert.Equal(GatewayError.RateLimitExceeded, refused.Error);
        Assert.Equal(45, refused.Headers!.Value.RetryAfterSeconds);
        Assert.Equal(new WindowState(3, 3, 45), refused.Headers.Value.Requests);
        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted);
    }

    [Fact]
    public async Task A3_TokenWindow_IsFullOnceTheReportedUsageReachesIt()
    {
        var keys = Admission(new KeyLimits(null, 100, null, BudgetPeriod.None));
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted);

        keys.Record(0, inputTokens: 60, cachedInputTokens: 0, outputTokens: 39, price: null);
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted); // 99 < 100
        keys.Record(0, 1, 0, 0, null);
        var refused = await keys.AdmitAsync(0, default);

        Assert.Equal(GatewayError.RateLimitExceeded, refused.Error);
        Assert.Equal(new WindowState(100, 100, 45), refused.Headers!.Value.Tokens);
        Assert.Null(refused.Headers.Value.Requests);
    }

    [Fact]
    public async Task A3_Budget_IsSpentAtThePricesOfTheModelThatAnswered_CachedInputAtItsOwnPrice()
    {
        var keys = Admission(new KeyLimits(null, null, 1.00m, BudgetPeriod.Day));
        var price = new ModelPrice(inputUsdPerMTok: 1m, outputUsdPerMTok: 2m, cachedInputUsdPerMTok: 0.1m);

        // 400k uncached × $1 + 100k cached × $0.10 + 250k output × $2 = 0.40 + 0.01 + 0.50 = $0.91
        keys.Record(0, inputTokens: 500_000, cachedInputTokens: 100_000, outputTokens: 250_000, price);
        Assert.Equal(910_000, keys.Usage(0).SpendMicroUsd!.Value.Count);
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted);

        keys.Record(0, 90_000, 0, 0, price); // +$0.09 = $1.00
        var refused = await keys.AdmitAsync(0, default);

        Assert.Equal(GatewayError.BudgetExceeded, refused.Error);
        Assert.Equal((long)TimeSpan.FromHours(14).Add(TimeSpan.FromSeconds(-15)).TotalSeconds, refused.Headers!.Value.RetryAfterSeconds);
        _time.Advance(TimeSpan.FromHours(14));
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted); // a new day
    }

    [Fact]
    public async Task A3_ARefusedRequest_TakesNothingFromTheRequestWindow()
    {
        var keys = Admission(new KeyLimits(5, 10, null, BudgetPeriod.None));
        keys.Record(0, 10, 0, 0, null);

        Assert.Equal(GatewayError.RateLimitExceeded, (await keys.AdmitAsync(0, default)).Error);
        Assert.Equal(0, keys.Usage(0).Requests!.Value.Count);
    }

    [Fact]
    public void A1_AllowList_RoutesAndPassthrough()
    {
        var provider = new ProviderDefinition(0, "openai", "http://127.0.0.1:1", AuthScheme.Bearer, "", [], 30_000, ["gpt-x"]);
        var route = (int index) => new RouteDefinition(index, "r" + index, RouteKind.Route, EndpointKind.Chat, [], new RetrySettings(0, 0));
        var gateway = new Support.TestGateway([provider], [], []);
        var onlyRoute1 = Admission(KeyLimits.None, models: new ModelAllowList(false, [1], [], []), passthrough: true);
        var everyRoute = Admission(KeyLimits.None);
        var providerWide = Admission(KeyLimits.None, models: new ModelAllowList(false, [], [], [0]), passthrough: true);
        var providerWideButNoPassthrough = Admission(KeyLimits.None, models: new ModelAllowList(false, [], [], [0]), passthrough: false);

        Assert.True(onlyRoute1.MayReach(0, ResolvedRequest.Managed(route(1))));
        Assert.False(onlyRoute1.MayReach(0, ResolvedRequest.Managed(route(0))));
        Assert.True(everyRoute.MayReach(0, ResolvedRequest.Managed(route(7))));
        Assert.False(everyRoute.MayReach(0, ResolvedRequest.Passthrough(gateway, 0)));
        Assert.False(onlyRoute1.MayReach(0, ResolvedRequest.Passthrough(gateway, 0)));
        Assert.True(providerWide.MayReach(0, ResolvedRequest.Passthrough(gateway, 0)));
        Assert.True(providerWide.MayReach(0, ResolvedRequest.Passthrough(provider, "unlisted", 1000)));
        Assert.False(providerWideButNoPassthrough.MayReach(0, ResolvedRequest.Passthrough(gateway, 0)));
    }

    [Theory]
    [InlineData(StoreErrorPolicy.Deny, "limits_unavailable")]
    [InlineData(StoreErrorPolicy.Allow, "none")]
    public async Task A2_StoreAway_GivesTheConfiguredAnswer_AndOneWarningPerOutage(StoreErrorPolicy policy, string code)
    {
        var expected = code == "none" ? GatewayError.None : GatewayError.LimitsUnavailable;
        var store = new SwitchableStore();
        var log = new CountingLogger();
        var keys = Admission(new KeyLimits(1000, null, null, BudgetPeriod.None), store, policy, log);

        store.Down = true;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected, (await keys.AdmitAsync(0, default)).Error);
        }
        store.Down = false;
        Assert.True((await keys.AdmitAsync(0, default)).IsAdmitted);
        store.Down = true;
        await keys.AdmitAsync(0, default);

        Assert.Equal(2, log.Count(LogLevel.Warning)); // two outages, ten refusals would have been seven lines
        Assert.Equal(1, log.Count(LogLevel.Information)); // one recovery
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(60, "1m0s")]
    [InlineData(3_723, "1h2m3s")]
    [InlineData(90_000, "25h0m0s")]
    public void LimitHeaders_ResetIsWrittenTheOpenAiWay(long seconds, string expected) => Assert.Equal(expected, LimitHeaders.Duration(seconds));

    private sealed class SwitchableStore : ILimitStore
    {
        private readonly MemoryLimitStore _inner = new();

        public bool Down { get; set; }

        public ValueTask<StoreAnswer> TryTakeAsync(WindowCounter counter, long limit, CancellationToken cancellationToken) =>
            Down ? ValueTask.FromResult(StoreAnswer.Unavailable) : _inner.TryTakeAsync(counter, limit, cancellationToken);

        public void Add(WindowCounter counter, long amount) => _inner.Add(counter, amount);

        public StoreReading Current(WindowCounter counter) => Down ? StoreReading.Unavailable : _inner.Current(counter);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CountingLogger : ILogger
    {
        private readonly List<LogLevel> _levels = [];

        public int Count(LogLevel level) { lock (_levels) return _levels.Count(l => l == level); }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_levels) _levels.Add(logLevel);
        }
    }
}
