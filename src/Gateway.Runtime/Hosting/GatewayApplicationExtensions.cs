using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Builder;
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
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Runtime.Hosting");
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            runtime.Draining = true;
            GatewayLog.Draining(logger);
        });
        var dispatcher = app.Services.GetRequiredService<GatewayDispatcher>();
        app.Run(dispatcher.InvokeAsync);
        return app;
    }
}
