using Gateway.Runtime.Errors;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// The whole URL space (SPEC §6): an ordinal switch on the decoded path, no endpoint routing, no
/// reflection. Exact spellings only: <c>//v1/chat/completions</c>, a trailing slash, <c>%2F</c> or upper
/// case are simply unknown paths (S6), and anything else is a 404 in the OpenAI error shape (S7).
/// </summary>
internal sealed class GatewayDispatcher(HostState host, GatewayForwarder forwarder, Keys.KeyAdmission keys, Stored.StoredApiRelay stored)
{
    private const string ModelsPrefix = "/v1/models/";
    private const string KeyPath = "/v1/key";
    private static readonly byte[] HealthOk = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] HealthDraining = """{"status":"draining"}"""u8.ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // PathBase is empty (no UsePathBase); Path is percent-decoded except %2F, which Kestrel keeps encoded.
        var path = request.Path.Value ?? string.Empty;
        // SPEC §11: with [keys] every /v1/* request names a gateway key, before its body is read; health does not.
        var key = new Keys.CallerKey(-1, false);
        if (keys.Enabled && path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            key = new Keys.CallerKey(keys.Authenticate(request.Headers, out var dedicated), dedicated);
            if (key.Index < 0)
            {
                return ErrorResponseWriter.WriteAsync(context, GatewayError.InvalidGatewayKey);
            }
        }
        if (HttpMethods.IsPost(request.Method))
        {
            // The one endpoint table (Ingress/IngressEndpoints): chat first, so most requests cost one comparison.
            return IngressEndpoints.Find(path) is { } endpoint
                ? ForwardAsync(context, endpoint, key)
                : StoredOrNotFound(context, path, key);
        }
        if (HttpMethods.IsGet(request.Method))
        {
            switch (path)
            {
                case "/health":
                    return WriteJsonAsync(context, StatusCodes.Status200OK, HealthOk);
                case "/health/ready":
                    return host.Draining
                        ? WriteJsonAsync(context, StatusCodes.Status503ServiceUnavailable, HealthDraining)
                        : WriteJsonAsync(context, StatusCodes.Status200OK, HealthOk);
                case "/v1/models":
                    return WriteJsonAsync(context, StatusCodes.Status200OK, host.Models.List);
                case KeyPath when key.Index >= 0:
                    return WriteJsonAsync(context, StatusCodes.Status200OK, Keys.KeyDocument.Write(keys.Usage(key.Index)));
            }
            if (path.StartsWith(ModelsPrefix, StringComparison.Ordinal) && path.Length > ModelsPrefix.Length)
            {
                var model = host.Models.Find(path[ModelsPrefix.Length..]);
                return model is null
                    ? ErrorResponseWriter.WriteAsync(context, GatewayError.ModelNotFound)
                    : WriteJsonAsync(context, StatusCodes.Status200OK, model);
            }
        }
        return StoredOrNotFound(context, path, key);
    }

    /// <summary>SPEC §10: the file and stored-response endpoints, relayed while counted as in flight (P3); else 404.</summary>
    private Task StoredOrNotFound(HttpContext context, string path, Keys.CallerKey key)
    {
        if (!Stored.StoredApiPaths.TryMatch(context.Request.Method, path, out var route))
        {
            return NotFound(context);
        }
        host.InFlight.Enter();
        return ExitWhenDone(stored.RelayAsync(context, route, key), host.InFlight);
    }

    /// <summary>Forwards while counted as in flight, so a drain waits for this request or stream to finish (P3).</summary>
    private Task ForwardAsync(HttpContext context, IngressEndpoint endpoint, Keys.CallerKey key)
    {
        var inFlight = host.InFlight;
        inFlight.Enter();
        Task task;
        try
        {
            task = forwarder.ForwardAsync(context, endpoint, key);
        }
        catch
        {
            inFlight.Exit();
            throw;
        }
        return ExitWhenDone(task, inFlight);
    }

    private static Task ExitWhenDone(Task task, InFlightRequests inFlight)
    {
        if (task.IsCompleted)
        {
            inFlight.Exit();
            return task;
        }
        return ExitWhenDoneAsync(task, inFlight);
    }

    private static async Task ExitWhenDoneAsync(Task task, InFlightRequests inFlight)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            inFlight.Exit();
        }
    }

    private static Task NotFound(HttpContext context) => ErrorResponseWriter.WriteAsync(context, GatewayError.NotFound);

    private static Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
