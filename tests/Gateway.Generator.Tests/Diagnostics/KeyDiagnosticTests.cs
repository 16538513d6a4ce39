using Gateway.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Tests.Diagnostics;

/// <summary>One test (at least) per GW06xx id: gateway keys, prices and [limits] (SPEC §11).</summary>
public sealed class KeyDiagnosticTests
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>Both gpt-4o models priced, a route "smart" and a function "summarize" over them.</summary>
    private const string Priced = Toml.OpenAi + """
        [models.gpt-4o]
        input_usd_per_mtok = 2.5
        output_usd_per_mtok = 10.0
        [models.gpt-4o-mini]
        input_usd_per_mtok = 0.15
        output_usd_per_mtok = 0.6
        [targets.a]
        model = "gpt-4o"
        [routes.smart]
        models = ["smart"]
        targets = ["a"]
        [functions.summarize]
        models = ["gpt-4o-mini"]

        """;

    [Theory]
    [InlineData("sha256:" + "abc", "it has 3 hex digits, not 64")]
    [InlineData("sha256:zz" + "86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "not a hex digit")]
    public void GW0600_BadDigest_SaysWhy_AtTheSecretValue(string secret, string why)
    {
        var d = DiagnosticAssert.Single("GW0600", DiagnosticSeverity.Error, Priced + $"[keys.ci]\nsecret = [|\"{secret}\"|]\n");
        Assert.Contains(why, d.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0600_IsPrintedAtTheLineAndColumnOfTheValue()
    {
        var d = DiagnosticAssert.Single("GW0600", DiagnosticSeverity.Error, Toml.OpenAi + "[keys.ci]\nsecret = [|\"sha256:00\"|]\n");
        // Line 5 (1-based) of the file, column 10: right after 'secret = '.
        Assert.Contains("gateway.toml(5,10): error GW0600", d.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gw-live-0123456789abcdef")]
    [InlineData("GATEWAY_KEY_CI")]
    public void GW0601_LiteralKey_IsRejected_AndNeverEchoed(string secret)
    {
        var d = DiagnosticAssert.Single("GW0601", DiagnosticSeverity.Error, Priced + $"[keys.ci]\nsecret = [|\"{secret}\"|]\n");
        Assert.DoesNotContain(secret, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("sha256:", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0401_UnknownSchemeForAKeySecret_IsAnInvalidReference()
    {
        DiagnosticAssert.Single("GW0401", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = [|\"vault::gw/ci\"|]\n");
    }

    [Fact]
    public void GW0602_UnknownModelInAllowList_SuggestsTheClosest()
    {
        var d = DiagnosticAssert.Single("GW0602", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\nmodels = [\"smart\", [|\"smrat\"|]]\n");
        Assert.Contains("'keys.ci.models[1]' allows 'smrat'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'smart'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0602_ProviderModelTheProviderDoesNotList_PointsToTheWildcard()
    {
        var d = DiagnosticAssert.Single("GW0602", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\nmodels = [[|\"openai::gpt-4o-mni\"|]]\n");
        Assert.Contains("openai::*", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'gpt-4o-mini'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("route::smrt", "route 'smrt'", "smart")]
    [InlineData("function::sumarize", "function 'sumarize'", "summarize")]
    [InlineData("openia::*", "provider 'openia'", "openai")]
    public void GW0603_UnknownRouteFunctionOrProvider_SuggestsTheClosest(string entry, string named, string suggestion)
    {
        var d = DiagnosticAssert.Single("GW0603", DiagnosticSeverity.Error, Priced + $"[keys.ci]\nsecret = \"env::CI_KEY\"\nmodels = [[|\"{entry}\"|]]\n");
        Assert.Contains(named, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"did you mean '{suggestion}'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0604_BudgetedKeyReachingAnUnpricedModel_NamesTheModel_AtTheEntry()
    {
        var d = DiagnosticAssert.Single("GW0604", DiagnosticSeverity.Error, Toml.OpenAi + """
            [models.gpt-4o]
            input_usd_per_mtok = 2.5
            output_usd_per_mtok = 10.0
            [keys.ci]
            secret = "env::CI_KEY"
            models = ["gpt-4o", [|"gpt-4o-mini"|]]
            budget_usd = 10
            budget_period = "day"

            """);
        Assert.Contains("reaches model 'gpt-4o-mini'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("[models.gpt-4o-mini]", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0604_BudgetWithTheDefaultAllowList_CoversEveryRoute_AtBudgetUsd()
    {
        var d = DiagnosticAssert.Single("GW0604", DiagnosticSeverity.Error, Toml.OpenAi + """
            [models.gpt-4o]
            input_usd_per_mtok = 2.5
            output_usd_per_mtok = 10.0
            [functions.summarize]
            models = ["gpt-4o-mini"]
            [keys.ci]
            secret = "env::CI_KEY"
            [|budget_usd|] = 10
            budget_period = "day"

            """);
        Assert.Contains("default allow-list", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'gpt-4o-mini'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0604_APricedConfig_HasNoDiagnostic()
    {
        var result = GeneratorHarness.Run(Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\nbudget_usd = 10\nbudget_period = \"month\"\n");
        DiagnosticAssert.None(result.Diagnostics);
    }

    [Fact]
    public void GW0605_BudgetWithProviderWildcard_IsAnError()
    {
        DiagnosticAssert.Single("GW0605", DiagnosticSeverity.Error,
            Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\nmodels = [[|\"openai::*\"|]]\nbudget_usd = 10\nbudget_period = \"month\"\n");
    }

    [Fact]
    public void GW0606_BudgetWithoutPeriod_PointsAtBudgetUsd()
    {
        var d = DiagnosticAssert.Single("GW0606", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\n[|budget_usd|] = 10\n");
        Assert.Contains("budget_period = \"month\"", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void GW0606_PeriodWithoutBudget_PointsAtBudgetPeriod()
    {
        DiagnosticAssert.Single("GW0606", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\n[|budget_period|] = \"day\"\n");
    }

    [Fact]
    public void GW0607_RedisStoreWithoutReference_PointsAtTheStore()
    {
        DiagnosticAssert.Single("GW0607", DiagnosticSeverity.Error, Priced + "[limits]\nstore = [|\"redis\"|]\n");
    }

    [Theory]
    [InlineData("redis://:hunter2@10.0.0.5:6379")]
    [InlineData("10.0.0.5:6379,password=hunter2")]
    public void GW0608_LiteralRedisConnectionString_IsRejected_AndNeverEchoed(string url)
    {
        var d = DiagnosticAssert.Single("GW0608", DiagnosticSeverity.Error, Priced + $"[limits]\nstore = \"redis\"\nredis = [|\"{url}\"|]\n");
        Assert.DoesNotContain("hunter2", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[limits]\n[|redis|] = \"env::REDIS_URL\"\n", "the default \"memory\"")]
    [InlineData("[limits]\nstore = \"memory\"\n[|redis|] = \"env::REDIS_URL\"\n", "\"memory\"")]
    public void GW0609_RedisWithTheMemoryStore_PointsAtRedis(string limits, string store)
    {
        var d = DiagnosticAssert.Single("GW0609", DiagnosticSeverity.Error, Priced + limits);
        Assert.Contains("the store is " + store, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("env::CI_KEY", "env::CI_KEY")]
    [InlineData("file::/run/k", "file::/run/k")]
    [InlineData("sha256:" + Digest, "sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")] // digests compare case-insensitively
    public void GW0610_TwoKeysOnOneSecret_PointsAtTheSecond(string first, string second)
    {
        var d = DiagnosticAssert.Single("GW0610", DiagnosticSeverity.Error,
            Priced + $"[keys.ci]\nsecret = \"{first}\"\n[keys.ops]\nsecret = [|\"{second}\"|]\n");
        Assert.Contains("'keys.ops.secret' is the same secret as key 'ci'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input_usd_per_mtok = [|2.5|]\n", "output_usd_per_mtok")]
    [InlineData("output_usd_per_mtok = [|10|]\n", "input_usd_per_mtok")]
    [InlineData("cached_input_usd_per_mtok = [|1.25|]\n", "input_usd_per_mtok")]
    public void GW0611_IncompletePrice_NamesTheMissingKey(string price, string missing)
    {
        var d = DiagnosticAssert.Single("GW0611", DiagnosticSeverity.Error, Toml.OpenAi + "[models.gpt-4o]\n" + price);
        Assert.Contains($"Add {missing} to [models.gpt-4o]", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[keys.ci]\nsecret = \"env::CI_KEY\"\nbudget_usd = [|0|]\nbudget_period = \"day\"\n", "greater than 0")]
    [InlineData("[keys.ci]\nsecret = \"env::CI_KEY\"\nrequests_per_minute = [|0|]\n", "at least 1")]
    [InlineData("[keys.ci]\nsecret = \"env::CI_KEY\"\ntokens_per_minute = [|-5|]\n", "at least 1")]
    [InlineData("[models.gpt-4o]\ninput_usd_per_mtok = [|-1.0|]\noutput_usd_per_mtok = 1.0\n", "at least 0")]
    public void GW0103_KeyLimitsAndPrices_MustBePositive(string toml, string range)
    {
        var d = DiagnosticAssert.Single("GW0103", DiagnosticSeverity.Error, Toml.OpenAi + toml);
        Assert.Contains(range, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[keys.ci]\nsecret = \"env::CI_KEY\"\n[|budget|] = 10\n")]
    [InlineData("[limits]\n[|stor|] = \"redis\"\n")]
    [InlineData("[models.gpt-4o]\n[|input_usd_per_token|] = 1\n")]
    public void GW0100_UnknownKeyInKeysLimitsOrModels_IsReported(string toml)
    {
        DiagnosticAssert.Single("GW0100", DiagnosticSeverity.Error, Toml.OpenAi + toml);
    }

    [Theory]
    [InlineData("[keys.ci]\nsecret = \"env::CI_KEY\"\nbudget_usd = 10\nbudget_period = [|\"week\"|]\n")]
    [InlineData("[limits]\non_store_error = [|\"retry\"|]\n")]
    public void GW0104_UnknownBudgetPeriodOrStorePolicy_IsReported(string toml)
    {
        DiagnosticAssert.Single("GW0104", DiagnosticSeverity.Error, Priced + toml);
    }

    [Fact]
    public void GW0106_EmptyAllowList_IsReported()
    {
        // An empty list would compile to a key that can call nothing: surely a mistake.
        DiagnosticAssert.Single("GW0106", DiagnosticSeverity.Error, Priced + "[keys.ci]\nsecret = \"env::CI_KEY\"\nmodels = [|[]|]\n");
    }

    [Fact]
    public void GW0102_KeyWithoutSecret_IsReported()
    {
        DiagnosticAssert.Single("GW0102", DiagnosticSeverity.Error, Priced + "[keys.[|ci|]]\nrequests_per_minute = 5\n");
    }
}
