using System.Text.Json.Serialization.Metadata;
using Gateway.LanguageServer.Protocol;
using Gateway.LanguageServer.Server;
using StreamJsonRpc;

// gateway-lsp: LSP over stdio (Content-Length framed JSON-RPC). stdout carries only the protocol.
var formatter = new SystemTextJsonFormatter();
formatter.JsonSerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(LspJsonContext.Default, new DefaultJsonTypeInfoResolver());
formatter.JsonSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
formatter.JsonSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;

var handler = new HeaderDelimitedMessageHandler(Console.OpenStandardOutput(), Console.OpenStandardInput(), formatter);
using var rpc = new JsonRpc(handler);
var server = new GatewayLanguageServer(async diagnostics =>
{
    try
    {
        await rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics).ConfigureAwait(false);
    }
    catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException)
    {
        // The client went away; rpc.Completion ends the process.
    }
});
rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
rpc.StartListening();
WarmUp.Start();

// Ends on the client's exit notification, or when it closes stdin without one (LSP: exit code 1).
var finished = await Task.WhenAny(server.Exited, rpc.Completion).ConfigureAwait(false);
return finished == server.Exited ? await server.Exited.ConfigureAwait(false) : 1;
