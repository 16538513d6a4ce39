using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>Per-provider behaviours for <see cref="ResilienceScenario"/> (providers are path prefixes /a, /b, /c).</summary>
internal static class ProviderScripts
{
    public static Func<HttpContext, Task> ByProvider(Func<HttpContext, Task>? a = null, Func<HttpContext, Task>? b = null, Func<HttpContext, Task>? c = null) =>
        context =>
        {
            var path = context.Request.Path.Value ?? "";
            var script = path.StartsWith("/a/", StringComparison.Ordinal) ? a : path.StartsWith("/b/", StringComparison.Ordinal) ? b : path.StartsWith("/c/", StringComparison.Ordinal) ? c : null;
            return (script ?? UpstreamScripts.OpenAi)(context);
        };

    /// <summary>Requests the provider with path prefix <paramref name="provider"/> received.</summary>
    public static int Count(this FakeUpstream upstream, string provider) =>
        upstream.Requests.Count(r => r.Path.StartsWith("/" + provider + "/", StringComparison.Ordinal));

    public static RecordedRequest[] Of(this FakeUpstream upstream, string provider) =>
        upstream.Requests.Where(r => r.Path.StartsWith("/" + provider + "/", StringComparison.Ordinal)).ToArray();

    /// <summary>Answers <paramref name="status"/> with a JSON error body and optional extra headers.</summary>
    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null, string? body = null) => context =>
    {
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        context.Response.Headers["x-upstream-secret-header"] = "from-the-failed-attempt";
        return UpstreamScripts.Json(context, status, body ?? $$$"""{"error":{"message":"upstream says {{{status}}}","type":"test"}}""");
    };

    /// <summary>The provider's first <paramref name="failures"/> calls get <paramref name="failing"/>, later ones the OpenAI script.</summary>
    public static Func<HttpContext, Task> FailFirst(int failures, Func<HttpContext, Task> failing)
    {
        var calls = 0;
        return context => Interlocked.Increment(ref calls) <= failures ? failing(context) : UpstreamScripts.OpenAi(context);
    }

    /// <summary>The RequestCompleted line (event 1) of the request that ended, with its attempt count.</summary>
    public static Task<string> CompletedAsync(this LogCapture logs, int? status = null) =>
        logs.WaitForAsync(l => l.Contains("[1] Request ", StringComparison.Ordinal) && (status is null || l.Contains($"StatusCode={status}", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
}
