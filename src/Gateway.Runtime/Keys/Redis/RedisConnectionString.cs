using System.Net;
using StackExchange.Redis;

namespace Gateway.Runtime.Keys.Redis;

/// <summary>
/// Reads the <c>[limits] redis</c> value (SPEC §11): a <c>redis://[user][:password@]host[:port]</c> URL
/// (<c>rediss://</c> for TLS) or a StackExchange.Redis configuration string (<c>host:port[,password=…]</c>).
/// Both become the same options, with the settings a limit store needs whatever the string says: never
/// abort on a failed first connect (the gateway starts and answers <c>on_store_error</c> until Redis is
/// there), short timeouts and fail-fast while disconnected, so a request never waits long for a store
/// that is away (docs/limits.md, "Shared store (Redis)").
/// </summary>
internal static class RedisConnectionString
{
    /// <summary>How long a connect or a command may take before the store counts as unreachable.</summary>
    public const int TimeoutMs = 1000;

    public static ConfigurationOptions Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var options = value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(value)
            : ConfigurationOptions.Parse(value);

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = TimeoutMs;
        options.SyncTimeout = TimeoutMs;
        options.AsyncTimeout = TimeoutMs;
        // Queued commands while disconnected would make requests wait for the reconnect: fail them at once.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect every half second rather than backing off to many seconds: recovery without a restart (A2).
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.KeepAlive = 5;
        return options;
    }

    /// <summary>Endpoints only, for logs: the password never leaves the options.</summary>
    public static string Describe(ConfigurationOptions options) =>
        string.Join(",", options.EndPoints.Select(Format));

    private static ConfigurationOptions FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            // The value is a secret reference's content: do not echo it (it may hold the password).
            throw new FormatException("the redis URL is not of the form redis://[:password@]host:port");
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            var password = colon < 0 ? "" : uri.UserInfo[(colon + 1)..];
            if (user.Length > 0 && password.Length == 0)
            {
                // redis://password@host is what many tools write for a password without a user.
                (user, password) = ("", user);
            }
            if (user.Length > 0)
            {
                options.User = Uri.UnescapeDataString(user);
            }
            if (password.Length > 0)
            {
                options.Password = Uri.UnescapeDataString(password);
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && int.TryParse(path, out var database))
        {
            options.DefaultDatabase = database;
        }
        return options;
    }

    private static string Format(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => ip.ToString(),
        _ => endPoint.ToString() ?? "",
    };
}
