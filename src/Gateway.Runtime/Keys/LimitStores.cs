using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Keys;

/// <summary>Builds the key admission the compiled <c>[keys]</c> and <c>[limits]</c> describe, once at start-up.</summary>
internal static class LimitStores
{
    public static KeyAdmission CreateAdmission(CompiledGateway gateway, Secret?[] secrets, TimeProvider time, ILoggerFactory loggers)
    {
        if (gateway.Keys.Length == 0)
        {
            return KeyAdmission.Disabled;
        }
        var logger = loggers.CreateLogger("Gateway.Runtime.Keys");
        var limits = gateway.Limits;
        ILimitStore store = limits.Store switch
        {
            LimitStoreKind.Memory => new MemoryLimitStore(),
            // A lease refresh slower than this answers Unavailable (then on_store_error decides). Longer than
            // the store's own default: a busy replica's refresh can queue behind its requests for a few hundred
            // milliseconds while Redis is fine, and a refusal then would be the gateway's fault (docs/limits.md).
            LimitStoreKind.Redis => new Redis.RedisLimitStore(secrets[limits.RedisCredentialSlot]!.Reveal(), time: time, unavailableAfter: TimeSpan.FromSeconds(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(gateway), limits.Store, "unknown limit store"),
        };
        return new KeyAdmission(new KeyTable(gateway.Keys, secrets), store, limits.OnStoreError, time, logger);
    }
}
