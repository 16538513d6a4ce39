using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// Builds the real src/Gateway.Host with <c>-p:GatewayConfig=&lt;temp toml&gt;</c> (SPEC §1), once per distinct
/// config. Everything goes to a private <c>--artifacts-path</c> so the repository's obj/ and bin/ (and a
/// parallel <see cref="Support.HostBuild"/>) are never touched.
/// </summary>
internal static class ConfiguredHostBuild
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    /// <summary>Returns the path of gateway.dll compiled from <paramref name="toml"/>.</summary>
    public static Task<string> GetAsync(string toml) =>
        Builds.GetOrAdd(toml, t => new Lazy<Task<string>>(() => BuildAsync(t))).Value;

    public static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gateway.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Gateway.sln not found above the test output");
        }
        return root;
    }

    private static async Task<string> BuildAsync(string toml)
    {
        var root = RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "gateway-configured-host-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var config = Path.Combine(work, "gateway.toml");
        await File.WriteAllTextAsync(config, toml);
        var artifacts = Path.Combine(work, "artifacts");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(root, "src", "Gateway.Host"), "-p:GatewayConfig=" + config, "--artifacts-path", artifacts, "-nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"building the host with {config} failed:\n{await stdout}\n{await stderr}");
        }
        return Path.Combine(artifacts, "bin", "Gateway.Host", "debug", "gateway.dll");
    }
}
