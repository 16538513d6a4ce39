using CsCheck;
using Gateway.Generator.Model;

namespace Gateway.Generator.Tests.Parsing;

/// <summary>
/// C1: on any input the compiler reports diagnostics or succeeds; it never throws (no GW9999).
/// Bounded: a few thousand inputs, seconds of run time.
/// </summary>
public sealed class GeneratorFuzzTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Snapshots", "everything.toml"));

    private static readonly string[] Keys =
    [
        "server", "host", "port", "providers", "base_url", "models", "credential", "timeout_ms", "auth_type", "auth_header_name",
        "headers", "targets", "model", "provider", "weight", "routes", "endpoint", "strategy", "steps", "retry", "functions",
        "variants", "temperature", "top_p", "max_tokens", "routing", "max_retries", "backoff_base_ms", "security", "enabled",
        "blocklist", "pii", "telemetry", "otlp_endpoint", "defaults", "tenant_routing", "x",
    ];

    private static readonly string[] Values =
    [
        "\"gpt-4o\"", "\"openai::gpt-4o\"", "\"env::KEY\"", "\"file::/s\"", "\"sk-1\"", "\"https://a.example/v1\"", "\"http://10.0.0.1\"",
        "\"weighted\"", "\"fallback\"", "\"single\"", "\"experiment\"", "\"chat\"", "0", "-1", "1", "70", "9999999999999", "1.5",
        "true", "[]", "[\"a\", \"b\"]", "[\"gpt-4o\"]", "[1, \"a\"]", "{ a = \"b\" }", "[{ targets = [\"a\"] }]", "\"\"", "1979-05-27",
    ];

    [Fact]
    public void C1_MutatedRealConfig_NeverThrows()
    {
        var mutation = Gen.Select(Gen.Int[0, Seed.Length], Gen.Int[0, 4], Gen.Char.AlphaNumeric, Gen.Int[0, 2]);
        mutation.Array[1, 6].Sample(edits =>
        {
            var text = Seed;
            foreach (var (position, kind, c, length) in edits)
            {
                var at = Math.Min(position, text.Length);
                text = kind switch
                {
                    0 => text.Insert(at, c.ToString()),
                    1 => text.Remove(at, Math.Min(length, text.Length - at)),
                    2 => text.Insert(at, "\n"),
                    3 => text.Insert(at, "\"[]={}.,#"[length % 9].ToString()),
                    _ => text.Insert(at, Values[position % Values.Length]),
                };
            }
            AssertNoCrash(text);
        }, iter: 1500);
    }

    [Fact]
    public void C1_RandomSchemaShapedConfig_NeverThrows()
    {
        var line = Gen.OneOf(
            Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Keys.Length - 1]).Select(t => $"[{Keys[t.Item1]}.{Keys[t.Item2]}]"),
            Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Keys.Length - 1]).Select(t => $"[[{Keys[t.Item1]}.{Keys[t.Item2]}.steps]]"),
            Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Values.Length - 1]).Select(t => $"{Keys[t.Item1]} = {Values[t.Item2]}"));
        line.Array[1, 40].Select(lines => string.Join("\n", lines)).Sample(AssertNoCrash, iter: 1500);
    }

    [Fact]
    public void C1_ArbitraryText_NeverThrows()
    {
        Gen.String.Sample(AssertNoCrash, iter: 500);
    }

    private static void AssertNoCrash(string toml)
    {
        var result = ConfigCompiler.Compile(new ConfigFile("/fuzz/gateway.toml", toml), CancellationToken.None);
        var internalError = result.Diagnostics.FirstOrDefault(d => d.Descriptor.Id == "GW9999");
        Assert.True(internalError is null, $"GW9999 {internalError?.Arguments.FirstOrDefault()} for input:\n{toml}");
    }
}
