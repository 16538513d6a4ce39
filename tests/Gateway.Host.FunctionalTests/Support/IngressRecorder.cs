using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Records "METHOD /path?query" of every request the gateway receives, ahead of its own pipeline: proof of
/// what an outside client (a CLI under test) actually sent, which the fake upstream alone cannot show.
/// </summary>
internal sealed class IngressRecorder : IStartupFilter
{
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>For <c>GatewayHarness.StartAsync(configure: …)</c>.</summary>
    public void Register(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return following(context);
        });
        next(app);
    };
}
