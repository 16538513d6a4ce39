using System.Text.Json;
using System.Threading.Channels;
using StreamJsonRpc;

namespace Gateway.LanguageServer.Tests.Support;

/// <summary>
/// A minimal LSP client over the server's stdio pipes (JSON-RPC with Content-Length headers). It
/// reads every answer as raw JSON, so the tests check what is on the wire, not the server's types.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly LanguageServerProcess _process;
    private readonly JsonRpc _rpc;
    private readonly Channel<JsonElement> _published = Channel.CreateUnbounded<JsonElement>();

    private LspTestClient(LanguageServerProcess process)
    {
        _process = process;
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.Input, process.Output, new SystemTextJsonFormatter()));
        _rpc.AddLocalRpcTarget(new ClientMethods(_published.Writer));
        _rpc.StartListening();
    }

    public JsonElement InitializeResult { get; private set; }

    public LanguageServerProcess Process => _process;

    /// <summary>Starts the server and completes the initialize / initialized handshake.</summary>
    public static async Task<LspTestClient> StartAsync(object? initializationOptions = null)
    {
        var client = new LspTestClient(LanguageServerProcess.Start());
        client.InitializeResult = await client.RequestAsync("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = (string?)null,
            capabilities = new { },
            initializationOptions,
        });
        await client.NotifyAsync("initialized", new { });
        return client;
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "toml", version, text } });

    public Task ChangeAsync(string uri, int version, string text) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public Task<JsonElement> HoverAsync(string uri, int line, int character) =>
        RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line, character } });

    public Task<JsonElement> CompletionAsync(string uri, int line, int character) =>
        RequestAsync("textDocument/completion", new { textDocument = new { uri }, position = new { line, character } });

    public Task<JsonElement> CodeActionAsync(string uri, JsonElement range) =>
        RequestAsync("textDocument/codeAction", new { textDocument = new { uri }, range, context = new { diagnostics = Array.Empty<object>() } });

    /// <summary>The next publishDiagnostics for <paramref name="uri"/> (older versions' are skipped).</summary>
    public async Task<JsonElement> DiagnosticsAsync(string uri, int version)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            JsonElement published;
            try
            {
                published = await _published.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no publishDiagnostics for {uri} version {version} within {Timeout}; server stderr:\n{_process.StandardError}");
            }
            if (published.GetProperty("uri").GetString() != uri) continue;
            if (published.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() < version) continue;
            return published;
        }
    }

    /// <summary>The next publishDiagnostics of any document and version, as it came.</summary>
    public async Task<JsonElement> NextPublishedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _published.Reader.ReadAsync(timeout.Token);
    }

    public async Task<JsonElement> RequestAsync(string method, object parameters)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, timeout.Token);
    }

    public Task NotifyAsync(string method, object? parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await _process.DisposeAsync();
    }

    /// <summary>What the server calls on the client.</summary>
    private sealed class ClientMethods(ChannelWriter<JsonElement> published)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters) => published.TryWrite(parameters.Clone());
    }
}
