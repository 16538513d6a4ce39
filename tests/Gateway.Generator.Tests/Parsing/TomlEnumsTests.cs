using Gateway.Generator.Model;

namespace Gateway.Generator.Tests.Parsing;

/// <summary>
/// Each TOML enumeration maps its spellings one to one onto the shared enum the runtime switches on,
/// so no value can be allowed by the schema and fall to a default in the compiler.
/// </summary>
public sealed class TomlEnumsTests
{
    [Fact]
    public void EveryEnumeration_MapsDistinctSpellingsOntoDistinctMembers()
    {
        AssertOneToOne(TomlEnums.Endpoint, except: []);
        AssertOneToOne(TomlEnums.FunctionStrategy, except: []);
        AssertOneToOne(TomlEnums.RouteStrategy, except: [StrategyKind.Experiment]);
        AssertOneToOne(TomlEnums.Api, except: []);
        AssertOneToOne(TomlEnums.AuthType, except: []);
        AssertOneToOne(TomlEnums.BudgetPeriod, except: [BudgetPeriod.None]); // "no budget" has no spelling
        AssertOneToOne(TomlEnums.LimitStore, except: []);
        AssertOneToOne(TomlEnums.OnStoreError, except: []);
        AssertOneToOne(TomlEnums.Pii, except: [PiiDetectors.None, PiiDetectors.All]); // a list of flags: no spelling for none or all
    }

    [Theory]
    [InlineData("Chat")]      // the member name is not a TOML spelling
    [InlineData("chat ")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_SpellsNoMember(string? text) => Assert.Null(TomlEnums.Endpoint.Parse(text));

    [Fact]
    public void RouteStrategies_AreTheFunctionStrategiesWithoutExperiments() =>
        Assert.Equal(TomlEnums.FunctionStrategy.Spellings.Where(s => s != "experiment"), TomlEnums.RouteStrategy.Spellings);

    private static void AssertOneToOne<T>(TomlEnum<T> enumeration, T[] except) where T : struct, Enum
    {
        var members = enumeration.Members;
        Assert.Equal(members.Count, members.Select(m => m.Toml).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(members.Count, members.Select(m => m.Value).Distinct().Count());
        Assert.Equal(Enum.GetValues<T>().Except(except).Order(), members.Select(m => m.Value).Order());
        foreach (var (toml, value) in members)
        {
            Assert.Equal(value, enumeration.Parse(toml));
        }
    }
}
