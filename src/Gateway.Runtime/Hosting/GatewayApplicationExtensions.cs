using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Model;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>Serves the gateway's URL space on a built application.</summary>
public static class GatewayApplicationExtensions
{
    /// <summary>
    /// Terminal handler for every request (SPEC §6); readiness turns 503 when shutdown begins (P3).
    /// Call after <see cref="GatewayBuilderExtensions.AddGateway"/> succeeded.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.Services.GetRequiredService<GatewayRuntime>();
        var host = app.Services.GetRequiredService<HostState>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Runtime.Hosting");
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app, runtime.Gateway, logger));
        // Readiness turns 503 the moment shutdown begins; DrainService then waits for in-flight requests.
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            host.Draining = true;
            GatewayLog.Draining(logger);
        });
        var dispatcher = app.Services.GetRequiredService<GatewayDispatcher>();
        app.Run(dispatcher.InvokeAsync);
        return app;
    }

    /// <summary>One summary line of the compiled table and the bound addresses (names and counts only, S4).</summary>
    private static void LogStarted(WebApplication app, CompiledGateway gateway, ILogger logger)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var functions = 0;
        foreach (var route in gateway.Routes)
        {
            if (route.Kind == RouteKind.Function) functions++;
        }
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        HostingLog.Started(
            logger,
            gateway.Providers.Length,
            gateway.Routes.Length - functions,
            functions,
            gateway.Passthroughs.Length,
            gateway.Security.Enabled ? "on" : "off",
            gateway.Telemetry.Enabled ? "on" : "off",
            addresses is null || addresses.Count == 0 ? "(unknown)" : string.Join(", ", addresses));
    }
}
