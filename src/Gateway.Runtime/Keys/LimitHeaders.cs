using System.Globalization;
using Gateway.Runtime.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Keys;

/// <summary>
/// What a 429 tells the caller (SPEC §11): <c>Retry-After</c> in seconds, and OpenAI's
/// <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> for the windows the key has, which the
/// OpenAI SDKs and coding agents read to back off. Reset is written OpenAI's way (<c>1m2s</c>, <c>45s</c>).
/// </summary>
internal readonly record struct LimitHeaders(long RetryAfterSeconds, WindowState? Requests, WindowState? Tokens) : IErrorHeaders
{
    public void Apply(IHeaderDictionary headers)
    {
        headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (Requests is { } requests)
        {
            Write(headers, "requests", requests);
        }
        if (Tokens is { } tokens)
        {
            Write(headers, "tokens", tokens);
        }
    }

    private static void Write(IHeaderDictionary headers, string unit, in WindowState window)
    {
        headers["x-ratelimit-limit-" + unit] = window.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-" + unit] = Math.Max(0, window.Limit - window.Used).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-" + unit] = Duration(window.ResetSeconds);
    }

    /// <summary>OpenAI's reset notation: <c>59s</c>, <c>1m0s</c>, <c>2h3m4s</c>.</summary>
    internal static string Duration(long seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? $"{(long)t.TotalHours}h{t.Minutes}m{t.Seconds}s"
            : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds}s"
            : $"{t.Seconds}s";
    }
}

/// <summary>One window's limit, what this replica knows is used, and seconds until it resets.</summary>
internal readonly record struct WindowState(long Limit, long Used, long ResetSeconds);
