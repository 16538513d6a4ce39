namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// The Lua scripts the Redis store runs. Each is one atomic step on one key (so they also hold on a
/// Redis Cluster: a script never spans two keys). StackExchange.Redis sends EVALSHA once the script is
/// cached by the server. Keys expire by themselves a little after their window closes (PEXPIREAT).
/// </summary>
internal static class RedisScripts
{
    /// <summary>The hash field that holds a window's total; every other field is one replica's last batch.</summary>
    public const string TotalField = "n";

    /// <summary>
    /// Grants a lease of a request window: <c>KEYS[1]</c> the window's hash, <c>ARGV[1]</c> the limit,
    /// <c>ARGV[2]</c> the largest lease, <c>ARGV[3]</c> the expiry (Unix ms), <c>ARGV[4]</c> this replica's
    /// field, <c>ARGV[5]</c> the lease's sequence number on this replica. The ask shrinks as the window
    /// fills (an eighth of what is left, at least one), so the last requests of a window are spread over
    /// every replica instead of parked in one replica's lease. The grant never exceeds what is left, so the
    /// sum of all grants never exceeds the limit. A lease asked again with the same sequence number (the
    /// first answer timed out) gets the grant Redis recorded for it, not a second one: a grant is never
    /// lost or taken twice. Returns <c>{grant, total}</c>.
    /// </summary>
    public const string Lease = """
        local seq = tonumber(ARGV[5])
        local state = redis.call('HMGET', KEYS[1], 'n', ARGV[4])
        local cur = tonumber(state[1] or '0')
        if state[2] then
          local sep = string.find(state[2], ':', 1, true)
          if tonumber(string.sub(state[2], 1, sep - 1)) == seq then
            return {tonumber(string.sub(state[2], sep + 1)), cur}
          end
        end
        local left = tonumber(ARGV[1]) - cur
        local ask = 0
        if left > 0 then
          ask = math.floor(left / 8)
          if ask < 1 then ask = 1 end
          local cap = tonumber(ARGV[2])
          if ask > cap then ask = cap end
          cur = redis.call('HINCRBY', KEYS[1], 'n', ask)
        end
        redis.call('HSET', KEYS[1], ARGV[4], seq .. ':' .. ask)
        redis.call('PEXPIREAT', KEYS[1], ARGV[3])
        return {ask, cur}
        """;

    /// <summary>
    /// Adds a batch of usage: <c>KEYS[1]</c> the window's hash, <c>ARGV[1]</c> the amount, <c>ARGV[2]</c>
    /// the expiry (Unix ms), <c>ARGV[3]</c> this replica's field, <c>ARGV[4]</c> the batch's sequence number
    /// on this replica (0: nothing to add, only read). A batch is added once: sent again after a timeout
    /// (its first answer lost, its effect maybe not) it is recognised by its number and skipped. Returns
    /// the window's total after the addition.
    /// </summary>
    public const string Add = """
        local seq = tonumber(ARGV[4])
        if seq > 0 and seq > tonumber(redis.call('HGET', KEYS[1], ARGV[3]) or '0') then
          redis.call('HINCRBY', KEYS[1], 'n', ARGV[1])
          redis.call('HSET', KEYS[1], ARGV[3], seq)
          redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        end
        return tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
        """;
}
