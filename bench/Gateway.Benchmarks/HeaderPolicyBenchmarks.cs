using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.Benchmarks;

/// <summary>
/// <c>HeaderPolicy</c> decides per header whether it crosses the proxy (request and response), and whether
/// a passthrough caller brought a key. Frozen-set lookups and a span split of <c>Connection</c>: nothing
/// may be allocated.
/// </summary>
[MemoryDiagnoser]
public class HeaderPolicyBenchmarks
{
    /// <summary>What a typical SDK sends (besides the pseudo/Host/Content-Length the server adds).</summary>
    private static readonly string[] RequestNames =
    [
        "Host", "Content-Type", "Content-Length", "Authorization", "User-Agent", "Accept", "Accept-Encoding",
        "Connection", "x-stainless-lang", "x-stainless-retry-count", "traceparent", "OpenAI-Organization",
    ];

    private static readonly string[] ResponseNames =
    [
        "Date", "Content-Type", "Transfer-Encoding", "Connection", "openai-processing-ms", "x-request-id",
        "x-ratelimit-remaining-requests", "Set-Cookie", "Alt-Svc", "Cache-Control",
    ];

    private readonly StringValues _connection = new("keep-alive, x-stainless-lang");
    private readonly HeaderDictionary _headers = new()
    {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer sk-caller",
        ["User-Agent"] = "OpenAI/Python 1.50.0",
    };

    [Benchmark]
    public int ForwardRequestHeaders_Managed()
    {
        var forwarded = 0;
        foreach (var name in RequestNames)
        {
            if (HeaderPolicy.ForwardRequestHeader(name, _connection, managed: true, providerKeyHeader: null)) forwarded++;
        }
        return forwarded;
    }

    [Benchmark]
    public int ForwardRequestHeaders_Passthrough()
    {
        var forwarded = 0;
        foreach (var name in RequestNames)
        {
            if (HeaderPolicy.ForwardRequestHeader(name, default, managed: false, providerKeyHeader: null)) forwarded++;
        }
        return forwarded;
    }

    [Benchmark]
    public int ForwardResponseHeaders()
    {
        var forwarded = 0;
        foreach (var name in ResponseNames)
        {
            if (HeaderPolicy.ForwardResponseHeader(name, default)) forwarded++;
        }
        return forwarded;
    }

    [Benchmark]
    public bool HasCallerCredential() => HeaderPolicy.HasCallerCredential(_headers);
}
