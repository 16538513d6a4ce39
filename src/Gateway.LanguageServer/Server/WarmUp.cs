using Gateway.LanguageServer.Features;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Server;

/// <summary>
/// Compiles a small config once in the background at start-up, so the JIT has compiled the compiler
/// by the time the editor opens its first document (a cold first compile took ~110 ms, a warm one ~1 ms).
/// </summary>
internal static class WarmUp
{
    private const string Sample = """
        [server]
        port = 4000
        [providers.openai]
        base_url = "https://api.openai.com/v1"
        models = ["gpt-4o", "gpt-4o-mini"]
        [targets.a]
        model = "gpt-4o"
        credential = "env::OPENAI_API_KEY"
        [targets.b]
        model = "gpt-4o-mini"
        [routes.r]
        models = ["smart"]
        strategy = "fallback"
        targets = ["a", "b", "c"]
        [functions.f]
        strategy = "weighted"
        steps = [{ strategy = "single", targets = ["a"] }]
        """;

    public static void Start() => _ = Task.Run(() =>
    {
        var document = new OpenDocument("file:///warm-up/gateway.toml", "/warm-up/gateway.toml", 0, SourceText.From(Sample));
        DocumentCompiler.Compile(document, CancellationToken.None);
        CompletionProvider.Complete(document.Text, new Protocol.Position(3, 0));
    });
}
