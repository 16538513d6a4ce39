using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// The framework's console logger, constructed directly instead of through <c>AddConsole()</c>.
/// <para>
/// Why: under NativeAOT, <c>AddConsole()</c> registers options, configure-options and change-token services
/// for the logger and each of its three formatters; resolving them makes the DI container close a dozen
/// open generic types at run time (the type loader builds each one), and the extra allocations push start-up
/// past the first gen0 collection. Measured: ~15 ms of a ~50 ms start-up (bench/README.md, "Optimisations").
/// Constructed here, the provider builds its default formatters itself, with no container involved.
/// </para>
/// <para>
/// Read from configuration once at start-up: <c>Logging:Console:FormatterName</c> (<c>simple</c>, the default,
/// <c>json</c> or <c>systemd</c>) and <c>Logging:Console:LogToStandardErrorThreshold</c>. Levels still come from
/// <c>Logging:LogLevel</c> (the logging filter is configured as usual). The queue drops lines instead of
/// blocking when full: request handling can run on socket I/O threads, which must never wait for stdout.
/// </para>
/// </summary>
internal static class ConsoleLogging
{
    public static void Add(ILoggingBuilder logging, IConfiguration configuration)
    {
        var section = configuration.GetSection("Logging:Console");
        var options = new ConsoleLoggerOptions
        {
            FormatterName = section["FormatterName"] is { Length: > 0 } name ? name.ToLowerInvariant() : ConsoleFormatterNames.Simple,
            LogToStandardErrorThreshold = Enum.TryParse<LogLevel>(section["LogToStandardErrorThreshold"], ignoreCase: true, out var threshold)
                ? threshold
                : LogLevel.None,
            QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite,
        };
        logging.Services.AddSingleton<ILoggerProvider>(new ConsoleLoggerProvider(new FixedOptionsMonitor<ConsoleLoggerOptions>(options), formatters: null));
    }

    /// <summary>Options that never change after start-up (the provider only reads <c>CurrentValue</c> and subscribes).</summary>
    private sealed class FixedOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
