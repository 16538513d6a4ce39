using System.Diagnostics;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>The real host binary, built from the repository's gateway.toml, as a child process.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task MissingCredentials_ExitWithCode2_BeforeListening_NamingEveryVariable()
    {
        var gatewayDll = await HostBuild.GetForRootConfigAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { gatewayDll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("ANTHROPIC_API_KEY");

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var error = await stderr;
        Assert.Contains("OPENAI_API_KEY", error, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
    }
}
