namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// The Lua scripts the Redis store runs. Each is one atomic step on one key (so they also hold on a
/// Redis Cluster: a script never spans two keys). StackExchange.Redis sends EVALSHA once the script is
/// cached by the server. Keys expire by themselves a little after their window closes (PEXPIREAT).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Grants a lease of a request window: <c>KEYS[1]</c> the window's key, <c>ARGV[1]</c> the limit,
    /// <c>ARGV[2]</c> the largest lease, <c>ARGV[3]</c> the expiry (Unix ms). The ask shrinks as the
    /// window fills (an eighth of what is left, at least one), so the last requests of a window are
    /// spread over every replica instead of parked in one replica's lease. The grant never exceeds
    /// what is left, so the sum of all grants never exceeds the limit. Returns <c>{grant, total}</c>.
    /// </summary>
    public const string Lease = """
        local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
        local left = tonumber(ARGV[1]) - cur
        if left <= 0 then
          return {0, cur}
        end
        local ask = math.floor(left / 8)
        if ask < 1 then ask = 1 end
        local cap = tonumber(ARGV[2])
        if ask > cap then ask = cap end
        local total = redis.call('INCRBY', KEYS[1], ask)
        redis.call('PEXPIREAT', KEYS[1], ARGV[3])
        return {ask, total}
        """;

    /// <summary>
    /// Adds a batch of usage: <c>KEYS[1]</c>, <c>ARGV[1]</c> the amount (may be 0: then it only reads),
    /// <c>ARGV[2]</c> the expiry (Unix ms). Returns the window's total after the addition.
    /// </summary>
    public const string Add = """
        local total = redis.call('INCRBY', KEYS[1], ARGV[1])
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return total
        """;
}
