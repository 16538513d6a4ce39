using System.Diagnostics;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>Builds src/Gateway.Host once per test run (into a private output folder) and returns gateway.dll.</summary>
internal static class HostBuild
{
    private static readonly Lazy<Task<string>> Build = new(BuildAsync);

    public static Task<string> GetAsync() => Build.Value;

    private static async Task<string> BuildAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gateway.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Gateway.sln not found above the test output");
        }
        var output = Path.Combine(Path.GetTempPath(), "gateway-host-functional-" + Environment.ProcessId);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(root, "src", "Gateway.Host"), "-o", output, "-nologo", "-v", "q" },
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
            throw new InvalidOperationException($"building the host failed:\n{await stdout}\n{await stderr}");
        }
        return Path.Combine(output, "gateway.dll");
    }
}
