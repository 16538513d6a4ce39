using System.Collections.Concurrent;
using Gateway.LanguageServer.Features;
using Gateway.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Server;

/// <summary>
/// The open documents and the latest compile of each. Handlers run on thread-pool threads, so
/// documents are replaced atomically, never mutated.
/// </summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompiledDocument> _compiled = new(StringComparer.Ordinal);

    public OpenDocument Open(TextDocumentItem item)
    {
        var document = new OpenDocument(item.Uri, DocumentPaths.FromUri(item.Uri), item.Version, SourceText.From(item.Text));
        _documents[item.Uri] = document;
        return document;
    }

    /// <summary>Applies the changes in order (full texts, or ranges for incremental clients).</summary>
    public OpenDocument? Change(VersionedTextDocumentIdentifier id, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        if (!_documents.TryGetValue(id.Uri, out var current)) return null;
        var text = current.Text;
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = SourceText.From(change.Text);
                continue;
            }
            var start = Positions.ToOffset(text, change.Range.Start);
            var end = Positions.ToOffset(text, change.Range.End);
            text = text.WithChanges(new TextChange(TextSpan.FromBounds(start, Math.Max(start, end)), change.Text));
        }
        var document = current with { Version = id.Version, Text = text };
        _documents[id.Uri] = document;
        return document;
    }

    public void Close(string uri)
    {
        _documents.TryRemove(uri, out _);
        _compiled.TryRemove(uri, out _);
    }

    public OpenDocument? Find(string uri) => _documents.TryGetValue(uri, out var document) ? document : null;

    public void Remember(CompiledDocument compiled) => _compiled[compiled.Document.Uri] = compiled;

    /// <summary>The compile of exactly this version, if it was already done.</summary>
    public CompiledDocument? CompiledFor(OpenDocument document) =>
        _compiled.TryGetValue(document.Uri, out var compiled) && compiled.Document.Version == document.Version && compiled.Document.Text == document.Text
            ? compiled
            : null;
}
