using System.Collections.Generic;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Compiles <c>[limits]</c> (SPEC §11). The Redis connection string may carry a password, so like a
/// provider key it is only ever a credential reference, resolved and reported at start-up.
/// </summary>
internal static class LimitsValidator
{
    public static LimitsSpec Compile(LimitsModel limits, CredentialTable credentials, List<DiagnosticInfo> diagnostics)
    {
        var isRedis = limits.Store?.Value == "redis";
        var policy = limits.OnStoreError?.Value == "allow" ? "Allow" : "Deny";
        if (limits.Redis is not { } redis)
        {
            if (isRedis) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RedisReferenceRequired, limits.Store!.Value.Location));
            return new LimitsSpec(isRedis ? "Redis" : "Memory", -1, policy);
        }
        if (!isRedis)
        {
            var store = limits.Store is null ? "the default \"memory\"" : "\"" + limits.Store.Value.Value + "\"";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RedisWithoutRedisStore, limits.RedisKeyLocation ?? redis.Location, store));
            return new LimitsSpec("Memory", -1, policy);
        }
        if (!CredentialReferences.HasScheme(redis.Value))
        {
            // redis://:password@host, host:port,password=…: never echoed.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LiteralRedisUrl, redis.Location));
            return new LimitsSpec("Redis", -1, policy);
        }
        var reference = CredentialReferences.Parse(redis, "limits.redis", diagnostics);
        var slot = reference is { } r ? credentials.Slot(r, "[limits] redis") : -1;
        return new LimitsSpec("Redis", slot, policy);
    }
}
