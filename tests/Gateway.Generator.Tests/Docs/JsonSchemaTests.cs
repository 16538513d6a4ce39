using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;
using Json.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator.Tests.Docs;

/// <summary>
/// The editor schema (schema/gateway.schema.json) is exported from the generator's own schema
/// definition; this keeps the checked-in file identical to the export and shows it accepts every
/// valid config we know and rejects what the generator rejects at the schema level.
/// To refresh the file: <c>UPDATE_SNAPSHOTS=1 dotnet test tests/Gateway.Generator.Tests</c>.
/// </summary>
public sealed class JsonSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoRoot(), "schema", "gateway.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    [Fact]
    public void CheckedInSchema_IsExactlyTheExportOfTheGeneratorSchema()
    {
        var exported = JsonSchemaExporter.Export();
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SchemaPath)!);
            File.WriteAllText(SchemaPath, exported);
        }
        Assert.Equal(exported, File.ReadAllText(SchemaPath));
    }

    public static TheoryData<string> ValidConfigs()
    {
        var root = RepoRoot();
        var data = new TheoryData<string>
        {
            "gateway.toml",
            Path.Combine("examples", "local.toml"),
            Path.Combine("tests", "Gateway.Generator.Tests", "TestData", "Snapshots", "everything.toml"),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "Gateway.Generator.Tests", "TestData", "to11"), "*.toml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidConfigs))]
    public void EveryKnownConfig_PassesTheSchema(string relativePath)
    {
        var toml = File.ReadAllText(Path.Combine(RepoRoot(), relativePath));
        var result = Schema.Value.Evaluate(ToElement(toml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, Describe(result));
    }

    [Theory]
    [InlineData("[server]\nprot = 4000\n")]
    [InlineData("[server]\nport = \"4000\"\n")]
    [InlineData("[server]\nport = 70000\n")]
    [InlineData("[providers.openai]\nmodels = [\"gpt-4o\"]\n")]
    [InlineData("[providers.openai]\nbase_url = \"https://a/v1\"\nmodels = []\n")]
    [InlineData("[providers.openai]\nbase_url = \"https://a/v1\"\nmodels = [\"a\"]\nauth_type = \"basic\"\n")]
    [InlineData("[routes.r]\nmodels = [\"a\"]\nstrategy = \"experiment\"\ntargets = [\"t\"]\n")]
    [InlineData("[functions.f.variants.v]\nweight = 1\n")]
    public void ConfigWithASchemaMistake_FailsTheSchema_AsItFailsTheBuild(string toml)
    {
        Assert.False(Schema.Value.Evaluate(ToElement(toml)).IsValid);
        var build = ConfigCompiler.Compile(new ConfigFile("/x.toml", toml), CancellationToken.None);
        Assert.Contains(build.Diagnostics, d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    private static System.Text.Json.JsonElement ToElement(string toml) =>
        System.Text.Json.JsonDocument.Parse(ToJson(toml).ToJsonString()).RootElement;

    /// <summary>TOML → JSON through the generator's own located tree.</summary>
    private static JsonNode ToJson(string toml)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var tree = TomlTreeBuilder.Build("/x.toml", SourceText.From(toml), diagnostics);
        Assert.NotNull(tree);
        return Convert(tree!)!;
    }

    private static JsonNode? Convert(TomlNode node) => node switch
    {
        TomlTable table => new JsonObject(table.Entries.Select(e => KeyValuePair.Create(e.Key, Convert(e.Value)))),
        TomlArray array => new JsonArray(array.Items.Select(Convert).ToArray()),
        TomlScalar { Kind: TomlScalarKind.Integer } s => JsonValue.Create((long)s.Value),
        TomlScalar { Kind: TomlScalarKind.Float } s => JsonValue.Create((double)s.Value),
        TomlScalar { Kind: TomlScalarKind.Boolean } s => JsonValue.Create((bool)s.Value),
        TomlScalar s => JsonValue.Create(s.Value.ToString()),
        _ => null,
    };

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static string RepoRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
