using System.Diagnostics;
using System.Text.Json;

namespace Gateway.LanguageServer.Tests.Support;

/// <summary>
/// A real editor: Neovim (0.7+, Debian package <c>neovim</c>) headless with no user config, running
/// Neovim/diagnostics.lua, which attaches the built-in LSP client to gateway-lsp for one file and
/// writes what <c>vim.diagnostic.get()</c> then holds as JSON.
/// </summary>
internal static class Neovim
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Driver => Path.Combine(AppContext.BaseDirectory, "Neovim", "diagnostics.lua");

    /// <summary>nvim on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nvim"))
            .FirstOrDefault(File.Exists);

    /// <summary>Opens <paramref name="toml"/> in Neovim with gateway-lsp attached; the diagnostics it shows.</summary>
    public static async Task<JsonElement> DiagnosticsAsync(string nvim, string toml, string[] serverCommand)
    {
        var output = Path.Combine(Path.GetDirectoryName(toml)!, "nvim-diagnostics.json");
        var start = new ProcessStartInfo(nvim)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + Driver }) start.ArgumentList.Add(arg);
        start.Environment["GATEWAY_LSP_CMD"] = JsonSerializer.Serialize(serverCommand);
        start.Environment["GATEWAY_TOML"] = toml;
        start.Environment["GATEWAY_OUT"] = output;
        start.Environment["GATEWAY_WAIT_MS"] = ((int)(Timeout.TotalMilliseconds / 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + nvim);
        process.StandardInput.Close(); // Neovim must not wait for a terminal.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var cancellation = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"nvim did not quit within {Timeout}; stdout:\n{await stdout}\nstderr:\n{await stderr}");
            }
        }

        Assert.True(File.Exists(output), $"nvim exited {process.ExitCode} without writing {output}; stdout:\n{await stdout}\nstderr:\n{await stderr}");
        var result = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.Clone();
        Assert.False(result.TryGetProperty("error", out var error), $"the Neovim driver failed: {error}\nstderr:\n{await stderr}");
        Assert.Equal(0, process.ExitCode);
        return result.GetProperty("diagnostics");
    }
}
