using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>Fixed UTC windows: every replica computes the same ones from its own clock (docs/limits.md).</summary>
public sealed class LimitWindowsTests
{
    private static long Ms(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Budget_Month_FollowsTheCalendar_AcrossMonthEnds_AndAClockThatGoesBack()
    {
        var january = LimitWindows.Budget("k", BudgetPeriod.Month, new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.Zero));
        var february = LimitWindows.Budget("k", BudgetPeriod.Month, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var januaryAgain = LimitWindows.Budget("k", BudgetPeriod.Month, new DateTimeOffset(2027, 1, 2, 8, 0, 0, TimeSpan.Zero));
        var leapFebruary = LimitWindows.Budget("k", BudgetPeriod.Month, new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal((Ms(2027, 1, 1), Ms(2027, 2, 1)), (january.WindowStartMs, january.WindowEndMs));
        Assert.Equal((Ms(2027, 2, 1), Ms(2027, 3, 1)), (february.WindowStartMs, february.WindowEndMs));
        Assert.Equal(january, januaryAgain);
        Assert.Equal((Ms(2028, 2, 1), Ms(2028, 3, 1)), (leapFebruary.WindowStartMs, leapFebruary.WindowEndMs));
        Assert.Equal(CounterKind.SpendMicroUsd, february.Kind);
    }

    [Fact]
    public void Budget_Day_IsTheUtcDay_WhateverTheCallersOffset()
    {
        var lateInTokyo = LimitWindows.Budget("k", BudgetPeriod.Day, new DateTimeOffset(2027, 3, 10, 8, 30, 0, TimeSpan.FromHours(9)));
        var nextUtcDay = LimitWindows.Budget("k", BudgetPeriod.Day, new DateTimeOffset(2027, 3, 11, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal((Ms(2027, 3, 9), Ms(2027, 3, 10)), (lateInTokyo.WindowStartMs, lateInTokyo.WindowEndMs));
        Assert.Equal((Ms(2027, 3, 11), Ms(2027, 3, 12)), (nextUtcDay.WindowStartMs, nextUtcDay.WindowEndMs));
    }

    [Fact]
    public void Budget_WithoutAPeriod_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LimitWindows.Budget("k", BudgetPeriod.None, DateTimeOffset.UnixEpoch));
}
