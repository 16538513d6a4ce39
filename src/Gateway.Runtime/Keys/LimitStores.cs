using Gateway.Runtime.Credentials;
using Gateway.Runtime.Routing;
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
            _ => throw new NotSupportedException("store " + limits.Store + " is not built into this runtime"),
        };
        return new KeyAdmission(new KeyTable(gateway.Keys, secrets), store, limits.OnStoreError, time, logger);
    }
}
