using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Ingress;

namespace Gateway.Benchmarks;

/// <summary>
/// Reading <c>model</c> from a buffered chat body (<c>JsonModelPeeker</c>, step 2 of every request): one
/// validating <see cref="System.Text.Json.Utf8JsonReader"/> pass. With the compiled table's generated
/// <c>FindModelListing</c> switch a listed model allocates nothing; <see cref="PeekWithoutCache"/> shows the one
/// string it saves.
/// </summary>
[MemoryDiagnoser]
public class ModelPeekBenchmarks
{
    private static readonly BenchCompiledGateway Names = new();
    private byte[] _body = [];

    /// <summary>The bench body (model first) and a larger body with the model last.</summary>
    [Params("small", "model last")]
    public string Body { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var json = Body == "small"
            ? """{"model":"gpt-4o","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}"""
            : """{"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello, then list three colours and explain why the sky is blue in one sentence."}],"temperature":0.2,"max_tokens":256,"stream":true,"model":"claude-sonnet-4-6"}""";
        _body = Encoding.UTF8.GetBytes(json);
    }

    [Benchmark(Baseline = true)]
    public bool Peek() => JsonModelPeeker.Peek(_body, out _, Names) == PeekStatus.Found;

    [Benchmark]
    public bool PeekWithoutCache() => JsonModelPeeker.Peek(_body, out _) == PeekStatus.Found;
}
