using Gateway.LanguageServer.Features;
using Gateway.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Gateway.LanguageServer.Server;

/// <summary>
/// The LSP methods, bound by StreamJsonRpc. Notifications return at once (compiles run in the
/// background, see <see cref="DiagnosticsPublisher"/>) so messages keep being read in order.
/// </summary>
internal sealed class GatewayLanguageServer
{
    private readonly DocumentStore _documents = new();
    private readonly DiagnosticsPublisher _publisher;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _shutdown;

    public GatewayLanguageServer(Func<PublishDiagnosticsParams, Task> publish)
    {
        _publisher = new DiagnosticsPublisher(_documents, publish);
    }

    /// <summary>Completes with the process exit code when the client sends <c>exit</c>.</summary>
    public Task<int> Exited => _exit.Task;

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        if (parameters.InitializationOptions?.DebounceMs is >= 0 and var debounce)
        {
            _publisher.Debounce = TimeSpan.FromMilliseconds(debounce);
        }
        return new InitializeResult(
            new ServerCapabilities(
                new TextDocumentSyncOptions(OpenClose: true, Change: 1),
                HoverProvider: true,
                new CompletionOptions(["[", ".", "\"", " "]),
                new CodeActionOptions(["quickfix"])),
            new ServerInfo("gateway-lsp", typeof(GatewayLanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
    }

    [JsonRpcMethod("initialized")]
    public void Initialized()
    {
    }

    [JsonRpcMethod("shutdown")]
    public void Shutdown() => _shutdown = true;

    /// <summary>LSP: exit code 0 after a shutdown request, 1 without one.</summary>
    [JsonRpcMethod("exit")]
    public void Exit() => _exit.TrySetResult(_shutdown ? 0 : 1);

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters) => _publisher.Opened(_documents.Open(parameters.TextDocument));

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        if (_documents.Change(parameters.TextDocument, parameters.ContentChanges) is { } document) _publisher.Changed(document);
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public Task DidCloseAsync(DidCloseTextDocumentParams parameters)
    {
        _documents.Close(parameters.TextDocument.Uri);
        return _publisher.ClosedAsync(parameters.TextDocument.Uri);
    }

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Hover? Hover(TextDocumentPositionParams parameters) =>
        _documents.Find(parameters.TextDocument.Uri) is { } document ? HoverProvider.Hover(document.Text, parameters.Position) : null;

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public CompletionList Completion(TextDocumentPositionParams parameters) =>
        _documents.Find(parameters.TextDocument.Uri) is { } document
            ? CompletionProvider.Complete(document.Text, parameters.Position)
            : new CompletionList(false, []);

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<CodeAction> CodeAction(CodeActionParams parameters, CancellationToken cancellationToken)
    {
        if (_documents.Find(parameters.TextDocument.Uri) is not { } document) return [];
        // The published compile when it is of this very text; a fresh one when a change is still pending.
        var compiled = _documents.CompiledFor(document) ?? DocumentCompiler.Compile(document, cancellationToken);
        return QuickFixProvider.For(document.Uri, compiled, parameters.Range);
    }
}
