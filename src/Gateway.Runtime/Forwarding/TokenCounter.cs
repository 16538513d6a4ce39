using System.Text.Json;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Errors;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.ML.Tokenizers;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> (SPEC §9), resolved like chat. The model's first target answers:
/// an Anthropic provider counts (one attempt, relayed as sent: there is nothing to fall back for in a count);
/// for an OpenAI-format provider, which has no such endpoint, the gateway estimates with the o200k_base
/// encoding and says so in <c>x-gateway-token-count: estimated</c>.
/// </summary>
internal sealed class TokenCounter(GatewayRuntime runtime, AttemptLoop attempts)
{
    public const string EstimateHeader = "x-gateway-token-count";

    /// <summary>Per message: the role and framing tokens OpenAI's own counting guide adds.</summary>
    private const int TokensPerMessage = 3;

    // Loaded on first use: ~3 MB of merge ranks that a gateway without this endpoint never needs.
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public async Task CountAsync(ForwardRequest request, ResolvedRequest resolved)
    {
        var context = request.Context;
        UpstreamCall call;
        if (resolved.IsPassthrough)
        {
            request.RouteName = GatewayForwarder.PassthroughRouteName;
            if (!HeaderPolicy.HasCallerCredential(context.Request.Headers))
            {
                await ErrorResponseWriter.WriteAsync(context, GatewayError.InvalidApiKey).ConfigureAwait(false);
                return;
            }
            call = new UpstreamCall(resolved.Provider!, resolved.PassthroughModel!, null, false, resolved.PassthroughTimeoutMs, null);
        }
        else
        {
            var route = resolved.Route!;
            request.RouteName = route.Name;
            var first = new AttemptCursor(route, runtime.Random).Start();
            call = attempts.ManagedCall(first.Target!);
        }

        if (call.Provider.Api == ProviderApi.Anthropic)
        {
            var deadline = new RequestDeadline(runtime.TimeProvider, request.StartTimestamp, TimeSpan.FromMilliseconds(call.TimeoutMs));
            await attempts.RunAsync(request, AttemptCursor.Passthrough(), deadline, call).ConfigureAwait(false);
            return;
        }

        request.Call = call;
        if (!TryEstimate(request.Body.Span, out var tokens))
        {
            await ErrorResponseWriter.WriteAsync(context, GatewayError.InvalidRequest, "The request body is not a valid Messages count_tokens request.").ConfigureAwait(false);
            return;
        }
        var body = System.Text.Encoding.UTF8.GetBytes("{\"input_tokens\":" + tokens.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers[EstimateHeader] = "estimated";
        response.Headers["x-gateway-route"] = request.RouteName;
        response.Headers["x-gateway-provider"] = call.Provider.Id;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The o200k_base tokens of every string the model would read (system, message text, tool names,
    /// descriptions and schemas, tool inputs and results), plus a few per message for the framing. The
    /// top-level <c>model</c> is not counted. An estimate: Claude's own tokenizer is not public.
    /// </summary>
    internal static bool TryEstimate(ReadOnlySpan<byte> body, out int tokens)
    {
        tokens = 0;
        try
        {
            var reader = new Utf8JsonReader(body, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var tokenizer = O200k.Value;
            var depth = 0;
            var skipNext = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        depth++;
                        skipNext = false;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        // depth 0: top-level keys; the model name is routing, not prompt.
                        skipNext = depth == 0 && reader.ValueTextEquals("model"u8);
                        if (depth == 2 && reader.ValueTextEquals("role"u8)) tokens += TokensPerMessage;
                        break;
                    case JsonTokenType.String:
                        if (!skipNext) tokens += tokenizer.CountTokens(reader.GetString()!);
                        skipNext = false;
                        break;
                    default:
                        skipNext = false;
                        break;
                }
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
