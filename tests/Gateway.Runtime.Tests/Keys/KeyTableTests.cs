using System.Security.Cryptography;
using System.Text;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>A1: who a presented gateway key is, by digest; and where it is read from.</summary>
public sealed class KeyTableTests
{
    private static KeyDefinition Key(string name, int slot, string? hex) => new(name, slot, hex, ModelAllowList.EveryRoute, KeyLimits.None, false);

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public void A1_ResolvedSecretAndDigestSecret_AreBothFound_OthersAreNot()
    {
        var table = new KeyTable([Key("env-key", 0, null), Key("digest-key", -1, Sha256Hex("sk-gw-digest"))], [new Secret("sk-gw-env")]);

        Assert.Equal(0, table.Find("sk-gw-env"));
        Assert.Equal(1, table.Find("sk-gw-digest"));
        Assert.Equal(-1, table.Find("sk-gw-en"));
        Assert.Equal(-1, table.Find("sk-gw-env "));
        Assert.Equal(-1, table.Find(""));
        Assert.Equal(-1, table.Find(new string('k', KeyTable.MaxKeyLength + 1)));
    }

    [Fact]
    public void A1_LongAndNonAsciiKeys_AreHashedAsUtf8()
    {
        var longKey = new string('é', 700); // 1,400 UTF-8 bytes: past the stack buffer
        var table = new KeyTable([Key("long", -1, Sha256Hex(longKey)), Key("plain", -1, Sha256Hex("ключ"))], []);

        Assert.Equal(0, table.Find(longKey));
        Assert.Equal(1, table.Find("ключ"));
    }

    [Theory]
    [InlineData("x-gateway-key", "sk-a", "sk-a", true)]
    [InlineData("Authorization", "Bearer sk-a", "sk-a", false)]
    [InlineData("Authorization", "bearer   sk-a ", "sk-a", false)]
    [InlineData("Authorization", "Basic c2stYQ==", "", false)]
    [InlineData("x-api-key", "sk-a", "sk-a", false)]
    [InlineData("api-key", "sk-a", "sk-a", false)]
    public void A1_PresentedKey_IsReadFromTheDocumentedHeaders(string header, string value, string expected, bool dedicated)
    {
        var headers = new HeaderDictionary { [header] = value };

        Assert.Equal(expected, PresentedKey.Read(headers, out var fromGatewayHeader).ToString());
        Assert.Equal(dedicated, fromGatewayHeader);
    }

    [Fact]
    public void A1_GatewayKeyHeader_WinsOverTheCallersProviderKey()
    {
        var headers = new HeaderDictionary { ["x-gateway-key"] = "sk-gw", ["Authorization"] = "Bearer sk-provider" };

        Assert.Equal("sk-gw", PresentedKey.Read(headers, out var dedicated).ToString());
        Assert.True(dedicated);
    }

    [Fact]
    public void A1_AHeaderSentTwice_IsNoKey()
    {
        var headers = new HeaderDictionary { ["x-gateway-key"] = new(["sk-a", "sk-b"]) };

        Assert.True(PresentedKey.Read(headers, out _).IsEmpty);
    }
}
