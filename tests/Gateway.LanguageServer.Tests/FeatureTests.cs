using System.Text.Json;
using Gateway.LanguageServer.Tests.Support;

namespace Gateway.LanguageServer.Tests;

/// <summary>
/// Hover, completion and the "did you mean" quick fix, requested over the same stdio pipes an
/// editor uses, against the configs the diagnostics tests edit. Each answer is checked in full.
/// </summary>
public sealed class FeatureTests
{
    [Fact]
    public async Task Hover_OnAKey_ShowsItsSchemaDocumentation_OverTheKey()
    {
        await using var client = await OpenedAsync(Configs.Valid);

        // Line 1 is "port = 4000".
        var hover = await client.HoverAsync(Uri, 1, 2);

        var contents = hover.GetProperty("contents");
        Assert.Equal("markdown", contents.GetProperty("kind").GetString());
        Assert.Equal(
            "**`server.port`** · integer\n\nDefault listen port. Default: 4000.\n\nRange: 1–65535\n\nExample: `port = 4000`",
            contents.GetProperty("value").GetString());
        Assert.Equal("1:0-1:4", RangeText(hover.GetProperty("range")));
    }

    [Fact]
    public async Task Hover_OnAValue_IsNull()
    {
        await using var client = await OpenedAsync(Configs.Valid);

        // Line 1 is "port = 4000": the cursor is on the number.
        var hover = await client.HoverAsync(Uri, 1, 9);

        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
    }

    [Fact]
    public async Task Completion_InATargetList_OffersTheTargetsTheFileDefines_Quoted()
    {
        await using var client = await OpenedAsync(Configs.Valid);

        // Line 20 is 'targets = ["primary", "secondary"]': the cursor right after '['.
        var completion = await client.CompletionAsync(Uri, 20, 11);

        var items = completion.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["primary", "secondary"], items.Select(i => i.GetProperty("label").GetString()));
        Assert.Equal(["\"primary\"", "\"secondary\""], items.Select(i => i.GetProperty("textEdit").GetProperty("newText").GetString()));
        Assert.All(items, i => Assert.Equal("20:11-20:11", RangeText(i.GetProperty("textEdit").GetProperty("range"))));
    }

    [Fact]
    public async Task Completion_AtTheStartOfALine_OffersTheTablesKeysNotSetYet()
    {
        await using var client = await OpenedAsync(Configs.Valid);

        // Line 2 is the empty line after "port = 4000" in [server].
        var completion = await client.CompletionAsync(Uri, 2, 0);

        var items = completion.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["host", "max_request_body_bytes", "shutdown_drain_ms"], items.Select(i => i.GetProperty("label").GetString()));
        Assert.Equal("host = ", items[0].GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task CodeAction_OnADanglingTarget_ReplacesItWithTheSuggestedName()
    {
        await using var client = await OpenedAsync(Configs.DanglingTarget);
        var diagnostic = Assert.Single((await client.DiagnosticsAsync(Uri, 1)).GetProperty("diagnostics").EnumerateArray());

        var actions = await client.CodeActionAsync(Uri, diagnostic.GetProperty("range"));

        var action = Assert.Single(actions.EnumerateArray());
        Assert.Equal("Replace 'secondry' with 'secondary'", action.GetProperty("title").GetString());
        Assert.Equal("quickfix", action.GetProperty("kind").GetString());
        Assert.Equal("GW0300", Assert.Single(action.GetProperty("diagnostics").EnumerateArray()).GetProperty("code").GetString());
        var edit = Assert.Single(action.GetProperty("edit").GetProperty("changes").GetProperty(Uri).EnumerateArray());
        // Inside the quotes of "secondry" (line 20, columns 22..32 with the quotes).
        Assert.Equal("20:23-20:31", RangeText(edit.GetProperty("range")));
        Assert.Equal("secondary", edit.GetProperty("newText").GetString());
    }

    [Fact]
    public async Task CodeAction_ApplyingTheQuickFix_ClearsTheDiagnostic()
    {
        await using var client = await OpenedAsync(Configs.TypoedKey);
        var diagnostic = Assert.Single((await client.DiagnosticsAsync(Uri, 1)).GetProperty("diagnostics").EnumerateArray());
        var action = Assert.Single((await client.CodeActionAsync(Uri, diagnostic.GetProperty("range"))).EnumerateArray());
        var edit = Assert.Single(action.GetProperty("edit").GetProperty("changes").GetProperty(Uri).EnumerateArray());
        Assert.Equal("1:0-1:4", RangeText(edit.GetProperty("range")));

        // What the editor does with the edit: "prot" -> "port" on line 1 gives the valid config back.
        var fixedText = Configs.TypoedKey.Replace("prot = 4000", edit.GetProperty("newText").GetString() + " = 4000", StringComparison.Ordinal);
        await client.ChangeAsync(Uri, 2, fixedText);

        Assert.Equal(Configs.Valid, fixedText);
        Assert.Empty(WireDiagnostic.FromPublished(await client.DiagnosticsAsync(Uri, 2)));
    }

    private static readonly string Uri = Configs.Uri("features");

    private static async Task<LspTestClient> OpenedAsync(string text)
    {
        var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, text);
        return client;
    }

    private static string RangeText(JsonElement range) =>
        $"{range.GetProperty("start").GetProperty("line").GetInt32()}:{range.GetProperty("start").GetProperty("character").GetInt32()}-" +
        $"{range.GetProperty("end").GetProperty("line").GetInt32()}:{range.GetProperty("end").GetProperty("character").GetInt32()}";
}
