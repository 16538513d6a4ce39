using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>Builds or runs a complete gateway host: what <c>Program.cs</c> does, reusable by tests.</summary>
public static class GatewayApplication
{
    /// <summary>Exit code when a managed credential is missing at start-up (SPEC §1).</summary>
    public const int MissingCredentialsExitCode = 2;

    /// <summary>
    /// A lean web host: <c>WebApplication.CreateEmptyBuilder</c> plus exactly what the gateway uses, so that
    /// start-up does only what serving needs (bench/README.md, "Optimisations"; SPEC's start-up budget).
    /// <list type="bullet">
    /// <item>Configuration, in the order <c>CreateSlimBuilder</c> reads it (later wins): <c>DOTNET_*</c> and
    /// <c>ASPNETCORE_*</c> variables (prefix removed, so <c>ASPNETCORE_URLS</c> works), <c>appsettings.json</c>
    /// and <c>appsettings.{Environment}.json</c> next to the binary (optional, never watched: the routing
    /// config is compiled in, there is nothing to reload), all environment variables, the command line.</item>
    /// <item>Kestrel without the HTTPS configuration loader (the gateway listens on plain HTTP behind the
    /// platform's TLS termination).</item>
    /// <item>Logging filters from <c>Logging:LogLevel</c>; the console logger built directly (see <see cref="ConsoleLogging"/>).</item>
    /// </list>
    /// No routing services, no config-file watchers, no static web assets. The content root is the binary's
    /// directory unless <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> say
    /// otherwise. Measured (NativeAOT, first proxied response after process start): ~52 → ~35 ms against
    /// <c>CreateSlimBuilder</c>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRootIsExplicit(args) ? null : AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        });
        var configuration = builder.Configuration;
        configuration.AddEnvironmentVariables("DOTNET_");
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        configuration.AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);

        builder.WebHost.UseKestrelCore();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        ConsoleLogging.Add(builder.Logging, configuration);
        return builder;
    }

    /// <summary>Whether the content root was set explicitly (command line or environment): the framework then applies it.</summary>
    private static bool ContentRootIsExplicit(string[] args)
    {
        foreach (var arg in args)
        {
            if (arg.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
    }

    /// <summary>Builds the host, or returns null with the start-up failure message.</summary>
    /// <param name="args">Command line (<c>--urls</c> overrides <c>[server]</c>).</param>
    /// <param name="gateway">The compiled table.</param>
    /// <param name="problems">The start-up failure message when null is returned.</param>
    /// <param name="credentials">Credential source; process environment and files by default.</param>
    /// <param name="configure">Extra builder configuration (tests: logging capture).</param>
    /// <param name="random">Weighted picks and jitter.</param>
    public static WebApplication? Build(string[] args, CompiledGateway gateway, out string? problems,
        ICredentialSource? credentials = null, Action<WebApplicationBuilder>? configure = null, Random? random = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        if (!builder.AddGateway(gateway, out problems, credentials, random))
        {
            return null;
        }
        var app = builder.Build();
        app.MapGateway();
        return app;
    }

    /// <summary>Runs until shutdown; exit code 0, or 2 (message on stderr) before listening when credentials are missing.</summary>
    public static async Task<int> RunAsync(string[] args, CompiledGateway gateway, ICredentialSource? credentials = null)
    {
        var app = Build(args, gateway, out var problems, credentials);
        if (app is null)
        {
            await Console.Error.WriteLineAsync(problems).ConfigureAwait(false);
            return MissingCredentialsExitCode;
        }
        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        return 0;
    }
}
