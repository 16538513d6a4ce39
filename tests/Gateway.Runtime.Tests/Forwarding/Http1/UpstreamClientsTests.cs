using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Forwarding.Http1;
using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Tests.Forwarding.Http1;

/// <summary>Which client each provider gets: the lean HTTP/1.1 one for http, SocketsHttpHandler for https or when turned off.</summary>
[Collection(EnvironmentVariableCollection.Name)]
public sealed class UpstreamClientsTests
{
    private static ProviderDefinition Provider(string baseUrl) => new(0, "p", baseUrl, AuthScheme.None, "", [], 30000, ["m"]);

    [Fact]
    public void PlainHttpProvider_GetsTheHttp1Handler_HttpsKeepsSocketsHttpHandler()
    {
        using var http = UpstreamClients.CreateHandler(Provider("http://127.0.0.1:8000/v1"));
        using var https = UpstreamClients.CreateHandler(Provider("https://api.openai.com/v1"));

        Assert.IsType<Http1Handler>(http);
        Assert.IsType<SocketsHttpHandler>(https);
    }

    [Fact]
    public void Http1TurnedOff_PlainHttpProvider_GetsSocketsHttpHandler()
    {
        Environment.SetEnvironmentVariable(UpstreamClients.Http1Variable, "0");
        try
        {
            using var http = UpstreamClients.CreateHandler(Provider("http://127.0.0.1:8000/v1"));
            Assert.IsType<SocketsHttpHandler>(http);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UpstreamClients.Http1Variable, null);
        }
    }
}

/// <summary>Tests that set process environment variables run alone, so no other test sees them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Environment variables";
}
