using System.Globalization;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// An in-process gateway (real Kestrel on 127.0.0.1:0) in front of a <see cref="FakeUpstream"/>, like
/// <see cref="GatewayHarness"/> but letting a test add services to the builder (in-memory OTel exporters).
/// </summary>
internal sealed class OperabilityHost : IAsyncDisposable
{
    private OperabilityHost(FakeUpstream upstream, WebApplication app, LogCapture logs, Uri address)
    {
        Upstream = upstream;
        App = app;
        Logs = logs;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeUpstream Upstream { get; }
    public WebApplication App { get; }
    public LogCapture Logs { get; }
    public HttpClient Client { get; }

    /// <param name="toml">Scenario config; <c>{UPSTREAM}</c> becomes the fake upstream's port.</param>
    /// <param name="configure">Extra builder configuration, applied before <c>AddGateway</c>.</param>
    public static async Task<OperabilityHost> StartAsync(string toml, Action<WebApplicationBuilder>? configure = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var gateway = ScenarioCompiler.Compile(toml.Replace("{UPSTREAM}", upstream.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var logs = new LogCapture();
        var credentials = new DictionaryCredentialSource(new Dictionary<string, string> { [Scenario.KeyVariable] = Sentinels.GatewayKey });
        var app = GatewayApplication.Build(["--urls", "http://127.0.0.1:0"], gateway, out var problems, credentials, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        }) ?? throw new InvalidOperationException(problems);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new OperabilityHost(upstream, app, logs, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token);
        await App.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
