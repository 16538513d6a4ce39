using System.Text;
using Gateway.Runtime.Keys;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Secrets that must appear only where they belong (RELIABILITY S4). Each has a unique random tail;
/// <see cref="AssertAbsent"/> looks for any 8-character window of it, so a partial leak fails too.
/// (Windows of the shared "sk-…-SENTINEL-" prefix are skipped: they are not secret and both sentinels share them.)
/// </summary>
internal static class Sentinels
{
    public static readonly string GatewayKey = "sk-GATEWAY-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public static readonly string GatewayKeyB = "sk-GATEWAY-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public static readonly string CallerKey = "sk-CALLER-SENTINEL-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public static void AssertAbsent(string secret, string haystack, string where)
    {
        var tail = secret[(secret.LastIndexOf('-') + 1)..];
        for (var i = 0; i + 8 <= tail.Length; i++)
        {
            var window = tail.Substring(i, 8);
            Assert.False(haystack.Contains(window, StringComparison.OrdinalIgnoreCase), $"{where} contains part of a secret ({window})");
        }
    }

    public static void AssertAbsent(string secret, byte[] haystack, string where) => AssertAbsent(secret, Encoding.Latin1.GetString(haystack), where);
}
