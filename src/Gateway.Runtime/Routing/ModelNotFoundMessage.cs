using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Text;

namespace Gateway.Runtime.Routing;

/// <summary>
/// The message of a 404 <c>model_not_found</c> (SPEC §6): it names the caller's model (bounded, E2) and,
/// when the model is served on other endpoints, the path asked and the paths that serve it, so a caller
/// who sent a chat model to <c>/v1/embeddings</c> sees the mistake. Only built on this error path.
/// </summary>
internal static class ModelNotFoundMessage
{
    /// <summary>The message for <paramref name="model"/> asked on <paramref name="requestPath"/> (e.g. <c>/v1/messages</c>, chat in Anthropic's format).</summary>
    public static string For(CompiledGateway gateway, EndpointKind endpoint, string requestPath, string model)
    {
        var name = CallerText.Bounded(model);
        var servedOn = new List<string>();
        // The OpenAI rows of the endpoint table, in EndpointKind order: a stable order for the message.
        foreach (var other in IngressEndpoints.All)
        {
            if (other.Format == WireFormat.OpenAiChat && other.Kind != endpoint && RequestResolver.Serves(gateway, other.Kind, model))
            {
                servedOn.Add(other.Path);
            }
        }
        return servedOn.Count == 0
            ? $"The model '{name}' does not exist on this gateway."
            : $"The model '{name}' is not served on {requestPath}; it is served on {JoinWithAnd(servedOn)}.";
    }

    private static string JoinWithAnd(List<string> items) => items.Count == 1
        ? items[0]
        : string.Join(", ", items.GetRange(0, items.Count - 1)) + " and " + items[^1];
}
