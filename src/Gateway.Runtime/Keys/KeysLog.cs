using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Keys;

/// <summary>Gateway-key events (SPEC §11). Key names only: a key's value is never logged.</summary>
internal static partial class KeysLog
{
    [LoggerMessage(40, LogLevel.Warning, "The limit store is unreachable: requests with limits are {Answer} until it is back (on_store_error)")]
    public static partial void StoreUnavailable(ILogger logger, string answer);

    [LoggerMessage(41, LogLevel.Information, "The limit store is reachable again")]
    public static partial void StoreRecovered(ILogger logger);
}
