using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Security;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>Wires the compiled gateway into a <see cref="WebApplicationBuilder"/> (the one <see cref="GatewayApplication.CreateBuilder"/> returns).</summary>
public static class GatewayBuilderExtensions
{
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Resolves every managed credential once (SPEC §4), configures Kestrel from <c>[server]</c> and
    /// registers the gateway services. Returns false, with the one start-up message naming every
    /// missing variable/file in <paramref name="problems"/>, when any credential is missing: the caller
    /// must then exit with code 2 before listening.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="gateway">The generated table (<c>Gateway.Generated.GeneratedGateway.Instance</c>).</param>
    /// <param name="problems">The start-up failure message, or null.</param>
    /// <param name="credentials">Where credentials come from; the process environment and files by default.</param>
    /// <param name="random">Weighted picks and backoff jitter; <see cref="Random.Shared"/> by default.</param>
    public static bool AddGateway(this WebApplicationBuilder builder, CompiledGateway gateway, out string? problems, ICredentialSource? credentials = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gateway);

        var resolution = gateway.ResolveCredentials(credentials ?? ProcessCredentialSource.Instance);
        if (!resolution.Succeeded)
        {
            problems = resolution.FormatProblems();
            return false;
        }
        problems = null;

        var server = gateway.Server;
        // SPEC §1: [server] host/port unless --urls / ASPNETCORE_URLS say otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var host = server.Host.Contains(':', StringComparison.Ordinal) ? "[" + server.Host + "]" : server.Host;
            builder.WebHost.UseUrls($"http://{host}:{server.Port}");
        }
        builder.WebHost.ConfigureKestrel(options => ConfigureKestrel(options, server));
        // Inline socket completions without inline request scheduling would still hop to the thread pool
        // once per request; the two go together (InlineIo).
        builder.WebHost.UseSockets(options => options.UnsafePreferInlineScheduling = InlineIo.Enabled);
        // Per-request framework logs ("Request starting…") cost more than the proxying itself; the
        // gateway's own events (Gateway.Runtime.*) say what happened. Configuration can still lower this.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Hosting creates a per-request Activity and log scope whenever its logger is enabled at any level,
        // although it only logs at Information/Debug ("Request starting/finished"). Off by default: ~4 % of
        // CPU per request. With [telemetry] on, the OpenTelemetry subscription still creates the activity;
        // a Logging:LogLevel entry for this category in configuration takes precedence.
        if (builder.Configuration["Logging:LogLevel:" + HostingDiagnosticsCategory] is null)
        {
            builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
        }
        // The drain itself is timed by DrainService; the host's timeout adds the time to end streams cleanly (T4).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(server.ShutdownDrainMs) + DrainService.ClosingAllowance);

        // SPEC §7: built once; registered only when enabled, so a disabled pipeline is a null check.
        var security = SecurityPipeline.Create(gateway.Security);
        if (security is not null)
        {
            builder.Services.AddSingleton(security);
        }
        builder.Services.AddSingleton(new HostState(gateway));
        builder.Services.AddSingleton(new GatewayRuntime(gateway, resolution.Secrets, random ?? Random.Shared, TimeProvider.System, security));
        // SPEC §11: gateway keys and their limit store (a disabled admission without [keys]).
        // Windows follow a registered TimeProvider when there is one (tests move a fake clock across a minute).
        builder.Services.AddSingleton(services => Keys.LimitStores.CreateAdmission(gateway, resolution.Secrets,
            services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.AddSingleton<ResponseRelay>();
        builder.Services.AddSingleton<GatewayForwarder>();
        builder.Services.AddSingleton<Stored.StoredApiRelay>();
        builder.Services.AddSingleton<GatewayDispatcher>();
        // After the web server's own hosted service: stopped first, so Kestrel keeps listening while draining (P3).
        builder.Services.AddHostedService<DrainService>();
        // SPEC §8: nothing at all is registered when [telemetry] is disabled.
        builder.Services.AddGatewayTelemetry(gateway.Telemetry, builder.Configuration);
        return true;
    }

    private static void ConfigureKestrel(KestrelServerOptions options, ServerSettings server)
    {
        options.AddServerHeader = false;
        var limits = options.Limits;
        limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
        // R01/R03: a slow sender or a client that stops reading is cut off instead of holding a connection.
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        limits.MaxRequestHeadersTotalSize = 64 * 1024;
    }
}
