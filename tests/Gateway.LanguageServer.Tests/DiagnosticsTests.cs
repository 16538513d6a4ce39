using Gateway.LanguageServer.Tests.Support;

namespace Gateway.LanguageServer.Tests;

/// <summary>
/// The server over stdio pipes publishes, on open and on change, exactly the diagnostics the build
/// reports for the same text (the generator run by CSharpGeneratorDriver): same id, range, severity
/// and message. Each test also spells the expected diagnostic out, so agreeing on nothing cannot pass.
/// </summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Initialize_AdvertisesFullSync_Hover_Completion_AndQuickFixes()
    {
        await using var client = await LspTestClient.StartAsync();
        var capabilities = client.InitializeResult.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.Equal(1, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("hoverProvider").GetBoolean());
        Assert.Equal("quickfix", capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds")[0].GetString());
        Assert.True(capabilities.TryGetProperty("completionProvider", out _));
        Assert.Equal("gateway-lsp", client.InitializeResult.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task DidOpen_RepositoryConfig_PublishesNoDiagnostics_AsTheBuild()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = Configs.Uri("repo");
        await client.OpenAsync(uri, Configs.Repository);

        var published = await client.DiagnosticsAsync(uri, 1);

        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Empty(WireDiagnostic.FromPublished(published));
        Assert.Empty(WireDiagnostic.FromBuild(Configs.Repository));
    }

    [Fact]
    public async Task DidChange_TypoedKey_PublishesGW0100_OnTheKey_AsTheBuild()
    {
        var expected = new WireDiagnostic("GW0100", 1, 0, 1, 4, 1,
            "Unknown key 'server.prot' (did you mean 'port'?). Remove it or use one of: host, port, max_request_body_bytes, shutdown_drain_ms.");

        var published = await OpenValidThenChangeToAsync(Configs.TypoedKey);

        Assert.Equal([expected], published);
        Assert.Equal(WireDiagnostic.FromBuild(Configs.TypoedKey), published);
    }

    [Fact]
    public async Task DidChange_DanglingTarget_PublishesGW0300_OnTheReference_AsTheBuild()
    {
        var expected = new WireDiagnostic("GW0300", 20, 22, 20, 32, 1,
            "'routes.smart.targets[1]' references target 'secondry', which is not defined (did you mean 'secondary'?). Define [targets.secondry] or fix the name.");

        var published = await OpenValidThenChangeToAsync(Configs.DanglingTarget);

        // 'secondary', now used by no route, becomes a bare target with its own route: no second diagnostic.
        Assert.Equal([expected], published);
        Assert.Equal(WireDiagnostic.FromBuild(Configs.DanglingTarget), published);
    }

    [Fact]
    public async Task DidChange_LiteralSecret_PublishesGW0400_OnTheValue_AsTheBuild()
    {
        var expected = new WireDiagnostic("GW0400", 13, 13, 13, 49, 1,
            "'targets.primary.credential' looks like a literal secret. Secrets never live in gateway.toml or the binary: write \"env::VARIABLE\" or \"file::/path/to/secret\" and provide the value at run time.");

        var published = await OpenValidThenChangeToAsync(Configs.LiteralSecret);

        Assert.Equal([expected], published);
        Assert.Equal(WireDiagnostic.FromBuild(Configs.LiteralSecret), published);
        Assert.DoesNotContain("sk-proj", expected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DidChange_FixingTheMistake_ClearsTheDiagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = Configs.Uri("fix");
        await client.OpenAsync(uri, Configs.DanglingTarget);
        Assert.Single(WireDiagnostic.FromPublished(await client.DiagnosticsAsync(uri, 1)));

        await client.ChangeAsync(uri, 2, Configs.Valid);

        var published = await client.DiagnosticsAsync(uri, 2);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        Assert.Empty(WireDiagnostic.FromPublished(published));
    }

    [Fact]
    public async Task DidChange_BurstOfEdits_CompilesOnlyTheLastText_AfterTheQuietPeriod()
    {
        // A long debounce makes "the burst is inside the window" certain on a loaded machine.
        const int debounceMs = 1500;
        await using var client = await LspTestClient.StartAsync(new { debounceMs });
        var uri = Configs.Uri("burst");
        await client.OpenAsync(uri, Configs.Valid);
        Assert.Empty(WireDiagnostic.FromPublished(await client.DiagnosticsAsync(uri, 1)));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.ChangeAsync(uri, 2, Configs.TypoedKey);
        await client.ChangeAsync(uri, 3, Configs.DanglingTarget);
        await client.ChangeAsync(uri, 4, Configs.Valid);
        await client.ChangeAsync(uri, 5, Configs.LiteralSecret);

        // Without the debounce, versions 2..4 would be published first, in order.
        var published = await client.NextPublishedAsync();
        Assert.Equal(5, published.GetProperty("version").GetInt32());
        Assert.Equal(["GW0400"], WireDiagnostic.FromPublished(published).Select(d => d.Code));
        Assert.True(clock.ElapsedMilliseconds >= debounceMs - 50, $"published after {clock.ElapsedMilliseconds} ms, before the {debounceMs} ms quiet period");
    }

    [Fact]
    public async Task DidClose_ClearsTheDocumentsDiagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = Configs.Uri("close");
        await client.OpenAsync(uri, Configs.TypoedKey);
        Assert.Single(WireDiagnostic.FromPublished(await client.DiagnosticsAsync(uri, 1)));

        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });

        var published = await client.NextPublishedAsync();
        Assert.Equal(uri, published.GetProperty("uri").GetString());
        Assert.Empty(WireDiagnostic.FromPublished(published));
    }

    [Fact]
    public async Task ShutdownThenExit_EndsTheServerWithExitCode0()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.RequestAsync("shutdown", new { });
        await client.NotifyAsync("exit", null);

        Assert.Equal(0, await client.Process.WaitForExitAsync(LspTestClient.Timeout));
    }

    private static async Task<List<WireDiagnostic>> OpenValidThenChangeToAsync(string text)
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = Configs.Uri("change");
        await client.OpenAsync(uri, Configs.Valid);
        Assert.Empty(WireDiagnostic.FromPublished(await client.DiagnosticsAsync(uri, 1)));

        await client.ChangeAsync(uri, 2, text);

        var published = await client.DiagnosticsAsync(uri, 2);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        return WireDiagnostic.FromPublished(published);
    }
}
