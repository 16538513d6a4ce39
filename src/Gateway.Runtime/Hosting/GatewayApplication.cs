using Gateway.Runtime.Credentials;
using Gateway.Runtime.Routing;
using Microsoft.AspNetCore.Builder;

namespace Gateway.Runtime.Hosting;

/// <summary>Builds or runs a complete gateway host: what <c>Program.cs</c> does, reusable by tests.</summary>
public static class GatewayApplication
{
    /// <summary>Exit code when a managed credential is missing at start-up (SPEC §1).</summary>
    public const int MissingCredentialsExitCode = 2;

    /// <summary>
    /// <c>WebApplication.CreateSlimBuilder</c> with what start-up does not need turned off (bench/README.md,
    /// "Optimisations"): the content root is the binary's directory rather than the current directory, and
    /// configuration files are not watched for changes. The default watcher walks the whole content root
    /// recursively at start-up (one inotify watch per directory: 533 when started from this repository's
    /// root). The routing config is compiled in, so there is nothing to reload. Both stay
    /// overridable on the command line (<c>--contentRoot</c>, <c>--hostBuilder:reloadConfigOnChange=true</c>).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Later command-line values win, so a caller's own setting overrides this default.
        string[] withDefaults = ["--hostBuilder:reloadConfigOnChange=false", .. args];
        return WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = withDefaults,
            ContentRootPath = ContentRootIsExplicit(args) ? null : AppContext.BaseDirectory,
        });
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
