using Gateway.Generator.Tests.Support;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Emit;

/// <summary>Compiles the emitted code, loads it and checks what the runtime will see.</summary>
public sealed class GeneratedTableBehaviourTests
{
    private static readonly Lazy<CompiledGateway> Everything = new(() =>
        Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Snapshots", "everything.toml"))));

    [Theory]
    [InlineData(EndpointKind.Chat, "summarize", RouteMatchKind.Route, "summarize")]
    [InlineData(EndpointKind.Chat, "smart", RouteMatchKind.Route, "smart")]
    [InlineData(EndpointKind.Chat, "gpt-4o", RouteMatchKind.Route, "smart")]
    [InlineData(EndpointKind.Chat, "llama3", RouteMatchKind.Route, "local")]
    [InlineData(EndpointKind.Embeddings, "embed", RouteMatchKind.Route, "embeddings")]
    [InlineData(EndpointKind.Embeddings, "gpt-4o", RouteMatchKind.Passthrough, "gpt-4o")]
    [InlineData(EndpointKind.Chat, "gemini-2.5-pro", RouteMatchKind.Passthrough, "gemini-2.5-pro")]
    [InlineData(EndpointKind.Embeddings, "summarize", RouteMatchKind.None, "")]
    [InlineData(EndpointKind.Chat, "GPT-4O", RouteMatchKind.None, "")]
    [InlineData(EndpointKind.Chat, "", RouteMatchKind.None, "")]
    public void Resolve_FollowsFunctionThenRouteThenProvider(EndpointKind endpoint, string model, RouteMatchKind kind, string name)
    {
        var gateway = Everything.Value;
        var match = gateway.Resolve(endpoint, model);
        Assert.Equal(kind, match.Kind);
        if (kind == RouteMatchKind.Route) Assert.Equal(name, gateway.Routes[match.Index].Name);
        if (kind == RouteMatchKind.Passthrough) Assert.Equal(name, gateway.Passthroughs[match.Index].Model);
    }

    [Fact]
    public void StoredApiTables_NameTheirProviders_AndCredentials()
    {
        var gateway = Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Snapshots", "stored-apis.toml")));
        var files = gateway.Files!;
        Assert.Equal("uploads", files.Provider.Id);
        Assert.True(files.Managed);
        Assert.Equal("UPLOADS_KEY", gateway.Credentials[files.CredentialSlot].Name);
        Assert.Equal(104857600, files.MaxBodyBytes);
        var responses = gateway.StoredResponses!;
        Assert.Equal("openai", responses.Provider.Id);
        Assert.False(responses.Managed);
        Assert.Equal(-1, responses.CredentialSlot);
        Assert.Null(Everything.Value.Files);
        Assert.Null(Everything.Value.StoredResponses);
    }

    [Fact]
    public void PrefixLookups_FindFunctionsRoutesAndProviders()
    {
        var gateway = Everything.Value;
        Assert.Equal("classify", gateway.Routes[gateway.FindFunction("classify")].Name);
        Assert.Equal(-1, gateway.FindFunction("smart"));
        Assert.Equal("resilient", gateway.Routes[gateway.FindRoute("resilient")].Name);
        Assert.Equal(-1, gateway.FindRoute("summarize"));
        Assert.Equal("gemini", gateway.Providers[gateway.FindProvider("gemini")].Id);
        Assert.Equal(-1, gateway.FindProvider("Gemini"));
        var openai = gateway.FindProvider("openai");
        Assert.Equal(5000, gateway.Passthroughs[gateway.FindPassthrough(openai, "gpt-4o-mini")].TimeoutMs);
        Assert.Equal(-1, gateway.FindPassthrough(openai, "llama3"));
    }

    [Fact]
    public void ResolveListed_AnswersWhatResolveAnswers_ForEveryListedNameOnEveryEndpoint()
    {
        // The body peek finds a listed name once; the emitted array must agree with the emitted switch.
        var gateway = Everything.Value;
        var matches = 0;
        foreach (var endpoint in Enum.GetValues<EndpointKind>())
        {
            for (var i = 0; i < gateway.ModelListings.Length; i++)
            {
                var expected = gateway.Resolve(endpoint, gateway.ModelListings[i].Id);
                var listed = gateway.ResolveListed(endpoint, i);
                Assert.Equal((expected.Kind, expected.Index), (listed.Kind, listed.Index));
                if (listed.Found) matches++;
            }
        }
        Assert.True(matches > gateway.ModelListings.Length, "the table resolves names on more than one endpoint");
    }

    [Fact]
    public void ModelListings_AreFoundBySwitch_AndTheListedStringIsReused()
    {
        var gateway = Everything.Value;
        Assert.NotEmpty(gateway.ModelListings);
        for (var i = 0; i < gateway.ModelListings.Length; i++)
        {
            var id = gateway.ModelListings[i].Id;
            Assert.Equal(i, gateway.FindModelListing(id.ToCharArray()));
            // A request's model read into a buffer comes back as the listed instance: no string per request.
            Assert.Same(id, gateway.ModelName(id.ToCharArray(), out var listing));
            Assert.Equal(i, listing);
        }
        Assert.Equal(-1, gateway.FindModelListing("openai::gpt-4o-mini"));
        Assert.Equal("openai::gpt-4o-mini", gateway.ModelName("openai::gpt-4o-mini", out var unlisted));
        Assert.Equal(-1, unlisted);
    }

    [Fact]
    public void Targets_CarryResolvedProviderCredentialTimeoutAndWeights()
    {
        var gateway = Everything.Value;
        var smart = gateway.Routes[gateway.FindRoute("smart")];
        var step = Assert.Single(smart.Steps);
        Assert.Equal(StrategyKind.Weighted, step.Strategy);
        Assert.Equal(["primary", "secondary"], step.Targets.Select(t => t.Name));
        Assert.Equal("azure-openai", step.Targets[1].Provider.Id);
        Assert.Equal("gpt-4o-azure", step.Targets[1].Model);
        Assert.Equal(45000, step.Targets[1].TimeoutMs);                       // provider timeout
        Assert.Equal(AuthScheme.ApiKeyHeader, step.Targets[1].Provider.Auth);
        Assert.Equal("api-key", step.Targets[1].Provider.AuthParameterName);
        Assert.Equal("file::/run/secrets/azure", gateway.Credentials[step.Targets[1].CredentialSlot].Reference);
        Assert.Equal(new RetrySettings(3, 250), smart.Retry);                 // [routing.retry]

        var resilient = gateway.Routes[gateway.FindRoute("resilient")];
        Assert.Equal([StrategyKind.Weighted, StrategyKind.Single], resilient.Steps.Select(s => s.Strategy));
        Assert.Equal(new RetrySettings(1, 250), resilient.Retry);             // route retry inherits the base
        Assert.Equal(90000, resilient.Steps[1].Targets[0].TimeoutMs);         // target timeout

        var local = gateway.Routes[gateway.Resolve(EndpointKind.Chat, "llama3").Index];
        Assert.Equal(RouteKind.BareTarget, local.Kind);
        Assert.Equal(-1, local.Steps[0].Targets[0].CredentialSlot);           // auth_type = "none"
        Assert.Equal("https://api.openai.com/v1", gateway.Providers[0].BaseUrl); // trailing slash trimmed
        Assert.Equal(new KeyValuePair<string, string>("anthropic-version", "2023-06-01"), Assert.Single(gateway.Providers[2].StaticHeaders));
    }

    [Fact]
    public void R13_GeneratedWeightedTable_Gives70To30WithinTwoPoints()
    {
        var step = Everything.Value.Routes[Everything.Value.FindRoute("smart")].Steps[0];
        var random = new Random(1234);
        var counts = new int[2];
        for (var i = 0; i < 10_000; i++) counts[step.Weights!.Pick(random)]++;
        Assert.InRange(counts[0] / 100.0, 68, 72);
    }

    [Fact]
    public void Experiment_VariantsCarryOverrides()
    {
        var classify = Everything.Value.Routes[Everything.Value.FindFunction("classify")];
        var step = Assert.Single(classify.Steps);
        Assert.Equal(StrategyKind.Experiment, step.Strategy);
        Assert.Equal(0.2, step.Targets[0].Overrides!.Temperature);
        Assert.Equal(500, step.Targets[0].Overrides!.MaxTokens);
        Assert.Equal(0.9, step.Targets[1].Overrides!.TopP);
        Assert.Null(step.Targets[1].Overrides!.Temperature);
    }

    [Fact]
    public void ResolveCredentials_ReportsEveryMissingReferenceAtOnce()
    {
        var resolution = Everything.Value.ResolveCredentials(new DictionarySource(new() { ["OPENAI_API_KEY"] = "sk-GATEWAY-SENTINEL-1" }));
        Assert.False(resolution.Succeeded);
        var message = resolution.FormatProblems();
        Assert.Contains("ANTHROPIC_KEY is not set", message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_KEY_A is not set", message, StringComparison.Ordinal);
        Assert.Contains("/run/secrets/azure cannot be read", message, StringComparison.Ordinal);
        Assert.Contains("provider 'azure-openai' for target 'secondary'", message, StringComparison.Ordinal);
        // Gateway key secrets and the Redis reference are reported with the rest, saying who needs them.
        Assert.Contains("GATEWAY_KEY_CI is not set", message, StringComparison.Ordinal);
        Assert.Contains("gateway key 'ci'", message, StringComparison.Ordinal);
        Assert.Contains("/run/secrets/ops-key cannot be read", message, StringComparison.Ordinal);
        Assert.Contains("REDIS_URL is not set", message, StringComparison.Ordinal);
        Assert.Contains("[limits] redis", message, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENAI_API_KEY", message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", message, StringComparison.Ordinal);
        Assert.Equal(7, resolution.Problems.Count);
    }

    [Fact]
    public void ResolveCredentials_AllPresent_SecretsAreRedactedInToString()
    {
        var source = new DictionarySource(new()
        {
            ["OPENAI_API_KEY"] = "sk-GATEWAY-SENTINEL-1", ["ANTHROPIC_KEY"] = "sk-GATEWAY-SENTINEL-2", ["OPENAI_KEY_A"] = "sk-GATEWAY-SENTINEL-3",
            ["GATEWAY_KEY_CI"] = "gw-SENTINEL-5", ["GATEWAY_KEY_DEV"] = "gw-SENTINEL-6", ["REDIS_URL"] = "redis://:SENTINEL-7@127.0.0.1:6379",
        }, files: new() { ["/run/secrets/azure"] = "  sk-GATEWAY-SENTINEL-4\n", ["/run/secrets/ops-key"] = "gw-SENTINEL-8" });
        var resolution = Everything.Value.ResolveCredentials(source);
        Assert.True(resolution.Succeeded, string.Join("; ", resolution.Problems));
        Assert.Equal("sk-GATEWAY-SENTINEL-4", resolution.Secrets[3]!.Reveal());        // trimmed
        Assert.All(resolution.Secrets, s => Assert.Equal("***", s!.ToString()));
    }

    [Fact]
    public void Keys_SecretsBecomeSlotsOrDigests_AndTheSlotIsTheKeysCredential()
    {
        var gateway = Everything.Value;
        Assert.Equal(["ci", "finance", "ops", "dev"], gateway.Keys.Select(k => k.Name));
        var ci = gateway.Keys[0];
        Assert.Null(ci.Sha256Hex);
        Assert.Equal("GATEWAY_KEY_CI", gateway.Credentials[ci.CredentialSlot].Name);
        var finance = gateway.Keys[1];
        Assert.Equal(-1, finance.CredentialSlot);
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", finance.Sha256Hex); // lower-cased
        Assert.Equal("/run/secrets/ops-key", gateway.Credentials[gateway.Keys[2].CredentialSlot].Name);
    }

    [Theory]
    // finance: models = ["summarize", "function::classify", "gpt-4o"]
    [InlineData("finance", EndpointKind.Chat, "summarize", true)]
    [InlineData("finance", EndpointKind.Chat, "function::classify", true)]
    [InlineData("finance", EndpointKind.Chat, "gpt-4o", true)]
    [InlineData("finance", EndpointKind.Chat, "smart", true)]        // the same route as gpt-4o
    [InlineData("finance", EndpointKind.Embeddings, "gpt-4o", true)] // gpt-4o falls through to passthrough on embeddings
    [InlineData("finance", EndpointKind.Chat, "resilient", false)]
    [InlineData("finance", EndpointKind.Chat, "gemini-2.5-pro", false)]
    // ci: models = ["smart", "route::embeddings"]
    [InlineData("ci", EndpointKind.Embeddings, "embed", true)]
    [InlineData("ci", EndpointKind.Chat, "summarize", false)]
    [InlineData("ci", EndpointKind.Embeddings, "gpt-4o", false)]
    // ops: no models list, every managed route and no passthrough
    [InlineData("ops", EndpointKind.Chat, "resilient", true)]
    [InlineData("ops", EndpointKind.Chat, "gemini-2.5-pro", false)]
    // dev: models = ["openai::*", "llama3", "anthropic::claude-sonnet-4-6"]
    [InlineData("dev", EndpointKind.Chat, "llama3", true)]
    [InlineData("dev", EndpointKind.Chat, "openai::gpt-4o", true)]
    [InlineData("dev", EndpointKind.Chat, "openai::o3-unlisted", true)]
    [InlineData("dev", EndpointKind.Chat, "anthropic::claude-sonnet-4-6", true)]
    [InlineData("dev", EndpointKind.Chat, "gpt-4o", false)]
    public void Keys_AllowLists_MatchWhatTheRequestModelResolvesTo(string key, EndpointKind endpoint, string model, bool allowed)
    {
        var gateway = Everything.Value;
        var allow = gateway.Keys.Single(k => k.Name == key).Models;
        Assert.Equal(allowed, Allows(gateway, allow, endpoint, model));
    }

    [Fact]
    public void Keys_LimitsAndPassthrough_AreCompiled()
    {
        var gateway = Everything.Value;
        var ci = gateway.Keys[0].Limits;
        Assert.Equal((600, 2_000_000L, (decimal?)null, BudgetPeriod.None), (ci.RequestsPerMinute, ci.TokensPerMinute, ci.BudgetUsd, ci.BudgetPeriod));
        var finance = gateway.Keys[1].Limits;
        Assert.Equal((50.5m, BudgetPeriod.Month), (finance.BudgetUsd, finance.BudgetPeriod));
        Assert.Same(KeyLimits.None, gateway.Keys[2].Limits);
        Assert.Same(ModelAllowList.EveryRoute, gateway.Keys[2].Models);
        Assert.Equal([false, false, false, true], gateway.Keys.Select(k => k.Passthrough));
        Assert.Equal((LimitStoreKind.Redis, StoreErrorPolicy.Allow), (gateway.Limits.Store, gateway.Limits.OnStoreError));
        Assert.Equal("REDIS_URL", gateway.Credentials[gateway.Limits.RedisCredentialSlot].Name);
    }

    [Fact]
    public void Prices_AreOnEveryTargetAndPassthroughOfAPricedModel_AndExact()
    {
        var gateway = Everything.Value;
        var targets = gateway.Routes.SelectMany(r => r.Steps).SelectMany(s => s.Targets).ToList();
        Assert.All(targets.Where(t => t.Model == "gpt-4o-mini"), t => Assert.Equal(0.075m, t.Price!.CachedInputUsdPerMTok));
        Assert.All(targets.Where(t => t.Model == "text-embedding-3-small"), t => Assert.Null(t.Price));
        var mini = gateway.Passthroughs.Single(p => p.Model == "gpt-4o-mini").Price!;
        // 1M input of which 200k cached, 100k output: 0.8 × 0.15 + 0.2 × 0.075 + 0.1 × 0.6, in decimal without rounding.
        Assert.Equal(0.195m, mini.Cost(1_000_000, 200_000, 100_000));
        Assert.Null(gateway.Passthroughs.Single(p => p.Model == "gemini-2.5-pro").Price);
    }

    [Fact]
    public void Keys_AbsentMeansNoKeysAndTheMemoryStore()
    {
        var gateway = Load(Toml.OpenAi);
        Assert.Empty(gateway.Keys);
        Assert.Equal((LimitStoreKind.Memory, -1, StoreErrorPolicy.Deny), (gateway.Limits.Store, gateway.Limits.RedisCredentialSlot, gateway.Limits.OnStoreError));
    }

    /// <summary>What the runtime will do: resolve the model, then ask the allow-list about the match.</summary>
    private static bool Allows(CompiledGateway gateway, ModelAllowList allow, EndpointKind endpoint, string model)
    {
        var separator = model.IndexOf("::", StringComparison.Ordinal);
        if (separator > 0 && model[..separator] is "function" or "route")
        {
            var name = model[(separator + 2)..];
            return allow.AllowsRoute(model.StartsWith("function", StringComparison.Ordinal) ? gateway.FindFunction(name) : gateway.FindRoute(name));
        }
        if (separator > 0)
        {
            var provider = gateway.Providers.Single(p => p.Id == model[..separator]);
            var upstream = model[(separator + 2)..];
            var passthrough = Array.FindIndex(gateway.Passthroughs, p => p.Provider == provider && p.Model == upstream);
            return allow.AllowsPassthrough(passthrough, provider.Index);
        }
        var match = gateway.Resolve(endpoint, model);
        return match.Kind switch
        {
            RouteMatchKind.Route => allow.AllowsRoute(match.Index),
            RouteMatchKind.Passthrough => allow.AllowsPassthrough(match.Index, gateway.Passthroughs[match.Index].Provider.Index),
            _ => false,
        };
    }

    [Fact]
    public void ProviderApi_DefaultsByIdAndSetsAnthropicAuthAndVersion()
    {
        var gateway = Load("""
            [providers.openai]
            base_url = "https://api.openai.com/v1"
            models = ["gpt-4o"]
            [providers.anthropic]
            base_url = "https://api.anthropic.com/v1"
            models = ["claude-sonnet-4-6"]
            [providers.claude-proxy]
            api = "anthropic"
            auth_type = "bearer"
            base_url = "https://proxy.example.com/v1"
            models = ["claude-opus-4-1"]
            headers = { "Anthropic-Version" = "2024-01-01" }
            [models.claude-sonnet-4-6]
            max_output_tokens = 8192
            [targets.sonnet]
            model = "claude-sonnet-4-6"
            """);
        var (openai, anthropic, proxy) = (gateway.Providers[0], gateway.Providers[1], gateway.Providers[2]);
        Assert.Equal((ProviderApi.OpenAi, AuthScheme.Bearer), (openai.Api, openai.Auth));
        Assert.Empty(openai.StaticHeaders);
        Assert.Equal((ProviderApi.Anthropic, AuthScheme.ApiKeyHeader, "x-api-key"), (anthropic.Api, anthropic.Auth, anthropic.AuthParameterName));
        // anthropic-version is defaulted per request (the runtime's UpstreamRequestFactory), so that an
        // Anthropic caller's own version is forwarded; only a configured one is a static header.
        Assert.Empty(anthropic.StaticHeaders);
        // An explicit auth_type and a version header of any case are kept as written.
        Assert.Equal((ProviderApi.Anthropic, AuthScheme.Bearer), (proxy.Api, proxy.Auth));
        Assert.Equal([new("Anthropic-Version", "2024-01-01")], proxy.StaticHeaders);
        var sonnet = gateway.Routes[gateway.Resolve(EndpointKind.Chat, "claude-sonnet-4-6").Index].Steps[0].Targets[0];
        Assert.Equal(8192, sonnet.MaxOutputTokens);
        Assert.Equal(8192, gateway.Passthroughs.Single(p => p.Model == "claude-sonnet-4-6").MaxOutputTokens);
        Assert.Null(gateway.Passthroughs.Single(p => p.Model == "gpt-4o").MaxOutputTokens);
    }

    [Fact]
    public void ProviderResponses_DefaultsToNativeForOpenAiAndNeverForAnthropic()
    {
        var gateway = Load("""
            [providers.openai]
            base_url = "https://api.openai.com/v1"
            models = ["gpt-4o"]
            [providers.vllm]
            base_url = "http://127.0.0.1:8000/v1"
            models = ["llama"]
            auth_type = "none"
            responses = false
            [providers.anthropic]
            base_url = "https://api.anthropic.com/v1"
            models = ["claude-sonnet-4-6"]
            """);
        Assert.Equal([true, false, false], gateway.Providers.Select(p => p.ServesResponses));
    }

    private sealed class DictionarySource(Dictionary<string, string> variables, Dictionary<string, string>? files = null) : ICredentialSource
    {
        public string? GetEnvironmentVariable(string name) => variables.GetValueOrDefault(name);

        public string? ReadFile(string path, out string? error)
        {
            error = files is not null && files.ContainsKey(path) ? null : "file not found";
            return files?.GetValueOrDefault(path);
        }
    }

    private static CompiledGateway Load(string toml) => GeneratorHarness.Run(toml).Load();
}
