using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>Builds the real src/Gateway.Host for the child-process tests, once per config per test run.</summary>
internal static class HostBuild
{
    private static readonly Lazy<Task<string>> RootConfigBuild = new(BuildRootConfigAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    /// <summary>
    /// gateway.dll compiled from the repository's own gateway.toml: an incremental build (the solution is
    /// already built), copied to a private output folder.
    /// </summary>
    public static Task<string> GetForRootConfigAsync() => RootConfigBuild.Value;

    /// <summary>
    /// gateway.dll compiled with <c>-p:GatewayConfig=&lt;temp toml&gt;</c> (SPEC §1). Everything goes to a private
    /// <c>--artifacts-path</c>, so the repository's obj/ and bin/ are never touched and builds of different
    /// configs can run side by side.
    /// </summary>
    public static Task<string> GetAsync(string toml) =>
        Builds.GetOrAdd(toml, t => new Lazy<Task<string>>(() => BuildAsync(t))).Value;

    /// <summary>
    /// Builds the host from <paramref name="toml"/> as <see cref="GetAsync"/> does, but returns the outcome instead of
    /// throwing: for tests of the build itself (which config diagnostics print, which fail it). <c>Config</c> is the
    /// full path of the config file, as the diagnostics name it; <c>Output</c> is stdout then stderr.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Config)> TryBuildAsync(string toml)
    {
        var (config, artifacts) = await WriteConfigAsync(toml);
        var (exitCode, output) = await RunDotnetBuildCoreAsync("-p:GatewayConfig=" + config, "--artifacts-path", artifacts);
        return (exitCode, output, config);
    }

    public static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gateway.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Gateway.sln not found above the test output");
        }
        return root;
    }

    private static async Task<string> BuildRootConfigAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "gateway-host-functional-" + Environment.ProcessId);
        await RunDotnetBuildAsync("-o", output);
        return Path.Combine(output, "gateway.dll");
    }

    private static async Task<string> BuildAsync(string toml)
    {
        var (config, artifacts) = await WriteConfigAsync(toml);
        await RunDotnetBuildAsync("-p:GatewayConfig=" + config, "--artifacts-path", artifacts);
        return Path.Combine(artifacts, "bin", "Gateway.Host", "debug", "gateway.dll");
    }

    private static async Task<(string Config, string Artifacts)> WriteConfigAsync(string toml)
    {
        var work = Path.Combine(Path.GetTempPath(), "gateway-configured-host-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var config = Path.Combine(work, "gateway.toml");
        await File.WriteAllTextAsync(config, toml);
        return (config, Path.Combine(work, "artifacts"));
    }

    private static async Task RunDotnetBuildAsync(params string[] arguments)
    {
        var (exitCode, output) = await RunDotnetBuildCoreAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {string.Join(' ', arguments)} failed:\n{output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetBuildCoreAsync(params string[] arguments)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in (string[])["build", Path.Combine(root, "src", "Gateway.Host"), .. arguments, "-nologo", "-v", "q"])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
