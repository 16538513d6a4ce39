using BenchmarkDotNet.Attributes;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Keys.Redis;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Benchmarks;

/// <summary>
/// What a gateway key with every limit costs a request (issue 15), in the order the gateway pays it:
/// <c>KeyTable.Find</c> (SHA-256 of the presented key, digest lookup), <c>KeyAdmission.AdmitAsync</c>
/// (budget and token windows read, one request taken) and, after the response, the usage read from the
/// relayed body (<see cref="ResponseUsageCapture"/>) and <c>KeyAdmission.Record</c>. The key's limits are
/// far above what a run can reach, so every call is admitted, as in run.sh's keys rows.
/// Store "redis" runs only when BENCH_REDIS_URL names a running redis-server (e.g. redis://127.0.0.1:6379).
/// </summary>
[MemoryDiagnoser]
public class KeyAdmissionBenchmarks
{
    private const string Presented = "sk-bench";

    // The fake provider's answer (bench/FakeProvider): usage comes last, as in a real completion.
    private static readonly byte[] Body = """{"id":"chatcmpl-bench0001","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake provider."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}"""u8.ToArray();

    private readonly ModelPrice _price = new(1.0m, 2.0m);
    private KeyAdmission _keys = null!;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "memory";

    public static IEnumerable<string> Stores() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BENCH_REDIS_URL")) ? ["memory"] : ["memory", "redis"];

    [GlobalSetup]
    public void Setup()
    {
        var limits = new KeyLimits(1_000_000_000, 1_000_000_000_000, 1_000_000_000m, BudgetPeriod.Month);
        var table = new KeyTable([new KeyDefinition("bench", 0, null, ModelAllowList.EveryRoute, limits, false)], [new Secret(Presented)]);
        ILimitStore store = Store == "redis"
            ? new RedisLimitStore(Environment.GetEnvironmentVariable("BENCH_REDIS_URL")!)
            : new MemoryLimitStore();
        _keys = new KeyAdmission(table, store, StoreErrorPolicy.Deny, TimeProvider.System, NullLogger.Instance);
    }

    [GlobalCleanup]
    public void Cleanup() => _keys.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // The Authorization value as Kestrel hands it to every request of a kept connection (one string object).
    private static readonly string Header = "Bearer " + Presented;

    [Benchmark]
    public int Find() => _keys.Table.Find(Presented);

    /// <summary>What the dispatcher pays on a kept connection: the header string was proved once.</summary>
    [Benchmark]
    public int FindOnAKeptConnection() => _keys.Table.Find(Header.AsSpan(7), Header);

    [Benchmark]
    public bool Admit() => _keys.AdmitAsync(0, default).GetAwaiter().GetResult().IsAdmitted;

    /// <summary>The usage capture's lifetime for one response: rent, observe the body, read, return.</summary>
    [Benchmark]
    public long? ReadUsage()
    {
        using var capture = new ResponseUsageCapture();
        capture.Observe(Body);
        return capture.TryRead(out var usage, readModel: false) ? usage.InputTokens : null;
    }

    [Benchmark]
    public void Record() => _keys.Record(0, 12, 0, 7, _price);

    /// <summary>Everything above for one request.</summary>
    [Benchmark]
    public bool Request()
    {
        var key = _keys.Table.Find(Header.AsSpan(7), Header);
        var admitted = _keys.AdmitAsync(key, default).GetAwaiter().GetResult().IsAdmitted;
        using var capture = new ResponseUsageCapture();
        capture.Observe(Body);
        if (capture.TryRead(out var usage, readModel: false))
        {
            _keys.Record(key, usage.InputTokens ?? 0, usage.CachedInputTokens ?? 0, usage.OutputTokens ?? 0, _price);
        }
        return admitted;
    }
}
