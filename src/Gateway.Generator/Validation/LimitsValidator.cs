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
        // A value the schema refused (GW0104) is read as the default, so that the rest is still checked.
        var isRedis = TomlEnums.LimitStore.Parse(limits.Store?.Value) == LimitStoreKind.Redis;
        var policy = TomlEnums.OnStoreError.Parse(limits.OnStoreError?.Value) ?? StoreErrorPolicy.Deny;
        if (limits.Redis is not { } redis)
        {
            if (isRedis) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RedisReferenceRequired, limits.Store!.Value.Location));
            return new LimitsSpec(isRedis ? LimitStoreKind.Redis : LimitStoreKind.Memory, -1, policy);
        }
        if (!isRedis)
        {
            var store = limits.Store is null ? "the default \"memory\"" : "\"" + limits.Store.Value.Value + "\"";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RedisWithoutRedisStore, limits.RedisKeyLocation ?? redis.Location, store));
            return new LimitsSpec(LimitStoreKind.Memory, -1, policy);
        }
        if (!CredentialReferences.HasScheme(redis.Value))
        {
            // redis://:password@host, host:port,password=…: never echoed.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LiteralRedisUrl, redis.Location));
            return new LimitsSpec(LimitStoreKind.Redis, -1, policy);
        }
        var reference = CredentialReferences.Parse(redis, "limits.redis", diagnostics);
        var slot = reference is { } r ? credentials.Slot(r, "[limits] redis") : -1;
        return new LimitsSpec(LimitStoreKind.Redis, slot, policy);
    }
}
