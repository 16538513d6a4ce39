using Gateway.Runtime.Errors;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Keys;

/// <summary>
/// Gateway keys (SPEC §11), in the order a request meets them, all before any upstream work:
/// 1. <see cref="Authenticate"/>: which key (401 <c>invalid_api_key</c>), before the body is read.
/// 2. <see cref="MayReach"/>: may it use what the model resolved to (403 <c>model_not_allowed</c>).
/// 3. <see cref="AdmitAsync"/>: budget and token window (read), then the request window (taken):
///    429 <c>budget_exceeded</c> / <c>rate_limit_exceeded</c>, or the store's outage answer.
/// 4. <see cref="Record"/>: after the response, the tokens and spend the upstream reported.
/// With no <c>[keys]</c> in the config none of this runs (<see cref="Enabled"/> is one field test).
/// </summary>
internal sealed class KeyAdmission : IAsyncDisposable
{
    private readonly ILimitStore _store;
    private readonly StoreErrorPolicy _onStoreError;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _storeDown; // 1 while the store is unreachable: one Warning per outage, not per request

    public KeyAdmission(KeyTable table, ILimitStore store, StoreErrorPolicy onStoreError, TimeProvider time, ILogger logger)
    {
        Table = table;
        _store = store;
        _onStoreError = onStoreError;
        _time = time;
        _logger = logger;
    }

    /// <summary>No <c>[keys]</c>: nothing is asked of any caller.</summary>
    public static KeyAdmission Disabled { get; } = new(new KeyTable([], []), new MemoryLimitStore(), StoreErrorPolicy.Deny, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public KeyTable Table { get; }

    public bool Enabled => !Table.IsEmpty;

    public ILimitStore Store => _store;

    /// <summary>At shutdown: a shared store sends what it still holds (counted usage is never dropped, A3).</summary>
    public ValueTask DisposeAsync() => ReferenceEquals(this, Disabled) ? ValueTask.CompletedTask : _store.DisposeAsync();

    /// <summary>The caller's key index, or -1; <paramref name="dedicated"/> when it came in <c>x-gateway-key</c>.</summary>
    public int Authenticate(IHeaderDictionary headers, out bool dedicated)
    {
        var presented = PresentedKey.Read(headers, out dedicated, out var header);
        return Table.Find(presented, header);
    }

    /// <summary>
    /// Whether <paramref name="key"/> may use <paramref name="resolved"/>. A passthrough also needs the key's
    /// <c>passthrough = true</c>; whether the caller brought its own provider key is checked by the forwarder.
    /// </summary>
    public bool MayReach(int key, in ResolvedRequest resolved)
    {
        var definition = Table.Keys[key];
        return resolved.IsPassthrough
            ? definition.Passthrough && definition.Models.AllowsPassthrough(resolved.PassthroughIndex, resolved.Provider!.Index)
            : definition.Models.AllowsRoute(resolved.Route!.Index);
    }

    /// <summary>Checks the key's windows and takes one request from its request window.</summary>
    public async ValueTask<Admission> AdmitAsync(int key, CancellationToken cancellationToken)
    {
        var definition = Table.Keys[key];
        var limits = definition.Limits;
        if (!limits.Any)
        {
            return Admission.Admitted;
        }
        var now = _time.GetUtcNow();
        var name = definition.Name;

        if (limits.BudgetUsd is not null)
        {
            var window = LimitWindows.Budget(name, limits.BudgetPeriod, now);
            var spent = _store.Current(window);
            if (!spent.Available)
            {
                return StoreUnavailable();
            }
            if (spent.Count >= limits.BudgetMicroUsd!.Value)
            {
                return new Admission(GatewayError.BudgetExceeded, new LimitHeaders(LimitWindows.SecondsLeft(window, now), null, null));
            }
        }

        WindowState? tokens = null;
        if (limits.TokensPerMinute is { } tokenLimit)
        {
            var window = LimitWindows.Minute(name, CounterKind.Tokens, now);
            var used = _store.Current(window);
            if (!used.Available)
            {
                return StoreUnavailable();
            }
            tokens = new WindowState(tokenLimit, used.Count, LimitWindows.SecondsLeft(window, now));
            if (used.Count >= tokenLimit)
            {
                return RateLimited(definition, now, tokens);
            }
        }

        if (limits.RequestsPerMinute is { } requestLimit)
        {
            var window = LimitWindows.Minute(name, CounterKind.Requests, now);
            var answer = await _store.TryTakeAsync(window, requestLimit, cancellationToken).ConfigureAwait(false);
            if (answer == StoreAnswer.Unavailable)
            {
                return StoreUnavailable();
            }
            StoreReachable();
            if (answer == StoreAnswer.AtLimit)
            {
                return RateLimited(definition, now, tokens);
            }
        }
        return Admission.Admitted;
    }

    /// <summary>Counts what one response used, at the time it ended (its windows may differ from admission's).</summary>
    public void Record(int key, long inputTokens, long cachedInputTokens, long outputTokens, ModelPrice? price)
    {
        var definition = Table.Keys[key];
        var limits = definition.Limits;
        var now = _time.GetUtcNow();
        var total = Math.Max(0, inputTokens) + Math.Max(0, outputTokens);
        if (limits.TokensPerMinute is not null && total > 0)
        {
            _store.Add(LimitWindows.Minute(definition.Name, CounterKind.Tokens, now), total);
        }
        // Priced once, in whole micro-USD (integer arithmetic for published prices), for the budget and the spend metric.
        long? microUsd = price is not null && (limits.BudgetUsd is not null || KeyMetrics.SpendUsd.Enabled)
            ? price.MicroUsd(inputTokens, cachedInputTokens, outputTokens)
            : null;
        if (limits.BudgetUsd is not null && microUsd is > 0)
        {
            _store.Add(LimitWindows.Budget(definition.Name, limits.BudgetPeriod, now), microUsd.Value);
        }
        KeyMetrics.Record(definition.Name, total, microUsd);
    }

    /// <summary>What <c>GET /v1/key</c> reports: the key's windows as this replica knows them.</summary>
    public KeyUsage Usage(int key)
    {
        var definition = Table.Keys[key];
        var limits = definition.Limits;
        var now = _time.GetUtcNow();
        StoreReading? requests = limits.RequestsPerMinute is null ? null : _store.Current(LimitWindows.Minute(definition.Name, CounterKind.Requests, now));
        StoreReading? tokens = limits.TokensPerMinute is null ? null : _store.Current(LimitWindows.Minute(definition.Name, CounterKind.Tokens, now));
        StoreReading? spend = limits.BudgetUsd is null ? null : _store.Current(LimitWindows.Budget(definition.Name, limits.BudgetPeriod, now));
        var minuteLeft = LimitWindows.SecondsLeft(LimitWindows.Minute(definition.Name, CounterKind.Requests, now), now);
        long? periodLeft = limits.BudgetUsd is null ? null : LimitWindows.SecondsLeft(LimitWindows.Budget(definition.Name, limits.BudgetPeriod, now), now);
        return new KeyUsage(definition, requests, tokens, spend, minuteLeft, periodLeft);
    }

    private Admission RateLimited(KeyDefinition definition, DateTimeOffset now, WindowState? tokens)
    {
        var limits = definition.Limits;
        WindowState? requests = null;
        if (limits.RequestsPerMinute is { } requestLimit)
        {
            var window = LimitWindows.Minute(definition.Name, CounterKind.Requests, now);
            var used = _store.Current(window);
            requests = new WindowState(requestLimit, used.Available ? used.Count : requestLimit, LimitWindows.SecondsLeft(window, now));
        }
        var retryAfter = LimitWindows.SecondsLeft(LimitWindows.Minute(definition.Name, CounterKind.Requests, now), now);
        return new Admission(GatewayError.RateLimitExceeded, new LimitHeaders(retryAfter, requests, tokens));
    }

    private Admission StoreUnavailable()
    {
        if (Interlocked.Exchange(ref _storeDown, 1) == 0)
        {
            KeysLog.StoreUnavailable(_logger, _onStoreError == StoreErrorPolicy.Allow ? "allowed" : "denied");
        }
        return _onStoreError == StoreErrorPolicy.Allow
            ? Admission.Admitted
            : new Admission(GatewayError.LimitsUnavailable, new LimitHeaders(1, null, null));
    }

    private void StoreReachable()
    {
        if (Volatile.Read(ref _storeDown) == 1 && Interlocked.Exchange(ref _storeDown, 0) == 1)
        {
            KeysLog.StoreRecovered(_logger);
        }
    }
}

/// <summary>The admission answer: <see cref="GatewayError.None"/> to go on, else the error and its headers.</summary>
internal readonly record struct Admission(GatewayError Error, LimitHeaders? Headers)
{
    public static Admission Admitted => default;

    public bool IsAdmitted => Error == GatewayError.None;
}

/// <summary>A key's windows for <c>GET /v1/key</c> (null: the key has no such limit).</summary>
internal readonly record struct KeyUsage(KeyDefinition Key, StoreReading? Requests, StoreReading? Tokens, StoreReading? SpendMicroUsd, long MinuteResetSeconds, long? PeriodResetSeconds);
