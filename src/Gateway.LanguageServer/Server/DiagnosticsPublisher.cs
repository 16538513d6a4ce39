using Gateway.LanguageServer.Features;
using Gateway.LanguageServer.Protocol;

namespace Gateway.LanguageServer.Server;

/// <summary>
/// Compiles documents off the message loop and publishes their diagnostics. An open is compiled at
/// once; a change waits for <see cref="Debounce"/> of quiet first, so a burst of keystrokes costs one
/// compile. A compile overtaken by a newer change is cancelled (or, if it already finished, not
/// published), so the editor never sees diagnostics of a text it no longer has.
/// </summary>
internal sealed class DiagnosticsPublisher(DocumentStore store, Func<PublishDiagnosticsParams, Task> publish)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    /// <summary>Quiet time after the last change before compiling (~150 ms end to end with the compile).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(100);

    public void Opened(OpenDocument document) => Schedule(document, TimeSpan.Zero);

    public void Changed(OpenDocument document) => Schedule(document, Debounce);

    public Task ClosedAsync(string uri)
    {
        lock (_gate)
        {
            if (_pending.Remove(uri, out var pending)) pending.Cancel();
        }
        // Clear what the editor shows for a closed document, as LSP asks.
        return publish(new PublishDiagnosticsParams(uri, null, []));
    }

    private void Schedule(OpenDocument document, TimeSpan delay)
    {
        var cancellation = new CancellationTokenSource();
        lock (_gate)
        {
            if (_pending.Remove(document.Uri, out var previous)) previous.Cancel();
            _pending[document.Uri] = cancellation;
        }
        _ = Task.Run(() => CompileAndPublishAsync(document, delay, cancellation), CancellationToken.None);
    }

    private async Task CompileAndPublishAsync(OpenDocument document, TimeSpan delay, CancellationTokenSource cancellation)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellation.Token).ConfigureAwait(false);
            var compiled = DocumentCompiler.Compile(document, cancellation.Token);
            lock (_gate)
            {
                // Only the newest scheduled compile of a document may publish.
                if (!_pending.TryGetValue(document.Uri, out var current) || current != cancellation) return;
                _pending.Remove(document.Uri);
            }
            store.Remember(compiled);
            var diagnostics = compiled.Diagnostics.Select(d => d.Lsp).ToList();
            await publish(new PublishDiagnosticsParams(document.Uri, document.Version, diagnostics)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Overtaken by a newer change or closed: that one publishes.
        }
        finally
        {
            cancellation.Dispose();
        }
    }
}
