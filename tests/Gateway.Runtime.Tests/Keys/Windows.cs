using Gateway.Runtime.Keys;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>Window counters for tests: real UTC minutes, so the Redis keys expire in the future.</summary>
internal static class Windows
{
    public static WindowCounter Minute(string keyName, CounterKind kind, int minutesFromNow = 0)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = now - (now % 60_000) + (minutesFromNow * 60_000L);
        return new WindowCounter(keyName, kind, start, start + 60_000);
    }
}
