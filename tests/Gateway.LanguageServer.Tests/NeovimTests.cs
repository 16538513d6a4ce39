using Gateway.LanguageServer.Tests.Support;

namespace Gateway.LanguageServer.Tests;

/// <summary>
/// "Config errors in the IDE", tested in a real editor: Neovim's own LSP client, attached to the
/// built gateway-lsp, shows the GW diagnostic on the line of the mistake. CI installs Neovim; without
/// it this test fails (it is the editor claim's only evidence), it does not skip.
/// </summary>
public sealed class NeovimTests
{
    [Fact]
    public async Task Neovim_OpeningADanglingTarget_ShowsGW0300_OnItsLine()
    {
        var nvim = Neovim.Find();
        Assert.True(nvim is not null, "nvim is not on PATH: install the Debian package neovim (apt-get install -y neovim; .ci/run does this) to run the editor test");
        var dir = Directory.CreateTempSubdirectory("gateway-nvim-");
        try
        {
            var toml = Path.Combine(dir.FullName, "gateway.toml");
            await File.WriteAllTextAsync(toml, Configs.DanglingTarget);

            var diagnostics = await Neovim.DiagnosticsAsync(nvim!, toml, [LanguageServerProcess.DotnetHost, LanguageServerProcess.ServerAssembly]);

            var shown = Assert.Single(diagnostics.EnumerateArray());
            Assert.Equal("GW0300", shown.GetProperty("code").GetString());
            // Line 21 in the editor (Neovim's lnum is 0-based, as LSP's): 'targets = ["primary", "secondry"]'.
            Assert.Equal(20, shown.GetProperty("lnum").GetInt32());
            Assert.Equal(22, shown.GetProperty("col").GetInt32());
            Assert.Equal(1, shown.GetProperty("severity").GetInt32()); // vim.diagnostic.severity.ERROR
            Assert.Equal("gateway-lsp", shown.GetProperty("client").GetString());
            Assert.StartsWith("'routes.smart.targets[1]' references target 'secondry'", shown.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
