using System.Text.Json.Serialization;

namespace Gateway.LanguageServer.Protocol;

/// <summary>
/// Source-generated (de)serializers for the LSP messages this server handles, so the first message
/// needs no reflection-built converters. LSP names its properties in camelCase and leaves out absent
/// optional ones.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
internal sealed partial class LspJsonContext : JsonSerializerContext;
