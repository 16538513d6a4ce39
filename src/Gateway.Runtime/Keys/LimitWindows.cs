using Gateway.Runtime.Model;

namespace Gateway.Runtime.Keys;

/// <summary>
/// The windows a key is counted in: fixed windows aligned to the UTC minute, day and month (SPEC §11), so
/// every replica computes the same window from its own clock with nothing to agree on, and a window's
/// count is one integer a shared store can add to atomically.
/// </summary>
internal static class LimitWindows
{
    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;

    public static WindowCounter Minute(string key, CounterKind kind, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        var start = ms - (ms % MinuteMs);
        return new WindowCounter(key, kind, start, start + MinuteMs);
    }

    public static WindowCounter Budget(string key, BudgetPeriod period, DateTimeOffset now)
    {
        if (period is not (BudgetPeriod.Day or BudgetPeriod.Month))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "a budget needs a period");
        }
        ref var cached = ref period == BudgetPeriod.Day ? ref s_day : ref s_month;
        // A calendar window is computed once per day or month, not per request (it is DateTime arithmetic);
        // any other clock reading (a test's clock going back, say) computes it again.
        var ms = now.ToUnixTimeMilliseconds();
        var window = Volatile.Read(ref cached);
        if (window is null || ms < window.StartMs || ms >= window.EndMs)
        {
            window = Calendar(period, now);
            Volatile.Write(ref cached, window);
        }
        return new WindowCounter(key, CounterKind.SpendMicroUsd, window.StartMs, window.EndMs);
    }

    private static CalendarWindow? s_day;
    private static CalendarWindow? s_month;

    private sealed record CalendarWindow(long StartMs, long EndMs);

    private static CalendarWindow Calendar(BudgetPeriod period, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var start = period == BudgetPeriod.Day
            ? new DateTime(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc)
            : new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = period == BudgetPeriod.Day ? start.AddDays(1) : start.AddMonths(1);
        return new CalendarWindow(new DateTimeOffset(start).ToUnixTimeMilliseconds(), new DateTimeOffset(end).ToUnixTimeMilliseconds());
    }

    /// <summary>Whole seconds until <paramref name="counter"/>'s window closes (at least 1): <c>Retry-After</c>.</summary>
    public static long SecondsLeft(in WindowCounter counter, DateTimeOffset now) =>
        Math.Max(1, (counter.WindowEndMs - now.ToUnixTimeMilliseconds() + 999) / 1000);
}
