using System.Net;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// The lean host (GatewayApplication.CreateBuilder) reads configuration the way the framework's builders do:
/// ASPNETCORE_-prefixed variables, appsettings.json in the content root, and the console formatter by name.
/// </summary>
public sealed class HostConfigurationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AspNetCoreUrls_AppSettingsJson_AndJsonConsoleFormatter_AreHonoured()
    {
        var gatewayDll = await HostBuild.GetForRootConfigAsync();
        var contentRoot = Directory.CreateTempSubdirectory("gateway-content-root-").FullName;
        try
        {
            await RunAsync(gatewayDll, contentRoot);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    private static async Task RunAsync(string gatewayDll, string contentRoot)
    {
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"),
            """{ "Logging": { "Console": { "FormatterName": "json" } } }""");

        await using var host = HostProcess.Start(gatewayDll, ["--contentRoot", contentRoot], new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__Console__FormatterName"] = null, // HostProcess asks for "simple"; appsettings.json decides here
            ["OPENAI_API_KEY"] = Sentinels.GatewayKey,
            ["ANTHROPIC_API_KEY"] = Sentinels.GatewayKeyB,
        });

        // The start-up summary (event 100) arrives as one JSON object per line.
        var line = (await host.WaitForLineAsync(@"^\{.*""EventId"":100,.*$", Wait)).Value;
        using var entry = JsonDocument.Parse(line);
        var message = entry.RootElement.GetProperty("Message").GetString()!;
        var at = message.IndexOf("listening on ", StringComparison.Ordinal);
        Assert.True(at >= 0, message);
        var address = new Uri(message[(at + "listening on ".Length)..].Split(',')[0]);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(4000, address.Port); // gateway.toml's [server] port: ASPNETCORE_URLS (port 0) must win
        Assert.NotEqual(0, address.Port);

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Wait };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.DoesNotContain(Sentinels.GatewayKey, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinels.GatewayKeyB, host.Output, StringComparison.Ordinal);
    }
}
