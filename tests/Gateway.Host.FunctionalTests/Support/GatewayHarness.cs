using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Gateway.Runtime.Hosting;
using Gateway.Runtime.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A real Kestrel gateway on 127.0.0.1:0 in front of a <see cref="FakeUpstream"/>, with an
/// <see cref="AttackerListener"/> and captured logs. The gateway key is the gateway sentinel.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Task<CompiledGateway>> Compiled = new();

    /// <summary>A loopback port nothing listens on (bound once, then released): connections are refused.</summary>
    private static readonly Lazy<int> DeadPort = new(() =>
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    });

    private GatewayHarness(FakeUpstream upstream, AttackerListener attacker, WebApplication app, LogCapture logs, Uri address)
    {
        Upstream = upstream;
        Attacker = attacker;
        App = app;
        Logs = logs;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxResponseDrainSize = 0, ResponseDrainTimeout = TimeSpan.Zero }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeUpstream Upstream { get; }
    public AttackerListener Attacker { get; }
    public WebApplication App { get; }
    public LogCapture Logs { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }

    /// <param name="toml">Scenario config; <c>{UPSTREAM}</c>, <c>{ATTACKER}</c> and <c>{DEAD}</c> become ports.</param>
    /// <param name="configure">Extra builder configuration (e.g. in-memory OTel exporters), applied before <c>AddGateway</c>.</param>
    /// <param name="credentials">More credential variables than the two provider keys (e.g. gateway key secrets).</param>
    public static async Task<GatewayHarness> StartAsync(string toml = Scenario.Default, Action<WebApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string>? credentials = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var attacker = new AttackerListener();
        var text = toml.Replace("{UPSTREAM}", upstream.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ATTACKER}", attacker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{DEAD}", DeadPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var gateway = await Compiled.GetOrAdd(text, t => Task.Run(() => ScenarioCompiler.Compile(t)));
        var logs = new LogCapture();
        var variables = new Dictionary<string, string> { [Scenario.KeyVariable] = Sentinels.GatewayKey, [Scenario.SecondKeyVariable] = Sentinels.GatewayKeyB };
        foreach (var (name, value) in credentials ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        var source = new DictionaryCredentialSource(variables);
        var app = GatewayApplication.Build(["--urls", "http://127.0.0.1:0"], gateway, out var problems, source, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        }) ?? throw new InvalidOperationException(problems);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GatewayHarness(upstream, attacker, app, logs, address);
    }

    /// <summary>POST JSON with an optional caller key (Bearer).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, string? callerKey = null, Action<HttpRequestMessage>? configure = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (callerKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", callerKey);
        configure?.Invoke(request);
        return Client.SendAsync(request, completion);
    }

    public RecordedRequest SingleUpstreamRequest() => Assert.Single(Upstream.Requests);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token);
        await App.DisposeAsync();
        await Upstream.DisposeAsync();
        Attacker.Dispose();
    }
}
