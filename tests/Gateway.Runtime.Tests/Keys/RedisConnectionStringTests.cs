using System.Net;
using Gateway.Runtime.Keys.Redis;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>The two spellings of <c>[limits] redis</c> (SPEC §11) and the settings a limit store forces.</summary>
public sealed class RedisConnectionStringTests
{
    [Fact]
    public void Url_WithPassword_HostAndPort()
    {
        var options = RedisConnectionString.Parse("redis://:s3cr%40t@cache.internal:6380/2");

        Assert.Equal("s3cr@t", options.Password);
        Assert.Equal(new DnsEndPoint("cache.internal", 6380), Assert.Single(options.EndPoints));
        Assert.Equal(2, options.DefaultDatabase);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Url_UserAndPassword_DefaultPort_Tls()
    {
        var options = RedisConnectionString.Parse("rediss://gateway:pw@cache.internal");

        Assert.Equal("gateway", options.User);
        Assert.Equal("pw", options.Password);
        Assert.Equal(new DnsEndPoint("cache.internal", 6379), Assert.Single(options.EndPoints));
        Assert.True(options.Ssl);
    }

    [Fact]
    public void ConfigurationString_WithPassword()
    {
        var options = RedisConnectionString.Parse("cache.internal:6380,password=pw");

        Assert.Equal("pw", options.Password);
        Assert.Equal(new DnsEndPoint("cache.internal", 6380), Assert.Single(options.EndPoints));
    }

    [Theory]
    [InlineData("redis://:pw@cache.internal:6380")]
    [InlineData("cache.internal:6380,password=pw,abortConnect=true,connectTimeout=60000")]
    public void StoreSettings_AreForced_AndDescribeNeverShowsThePassword(string value)
    {
        var options = RedisConnectionString.Parse(value);

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(RedisConnectionString.TimeoutMs, options.ConnectTimeout);
        Assert.Equal(RedisConnectionString.TimeoutMs, options.AsyncTimeout);
        Assert.Equal("cache.internal:6380", RedisConnectionString.Describe(options));
    }

    [Fact]
    public void BadUrl_IsRefused_WithoutEchoingTheValue()
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionString.Parse("redis://:sk-SENTINEL@"));
        Assert.DoesNotContain("sk-SENTINEL", error.Message, StringComparison.Ordinal);
    }
}
