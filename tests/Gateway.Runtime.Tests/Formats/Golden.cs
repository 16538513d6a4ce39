using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>
/// Golden files under Formats/Fixtures: a test's output is compared with the checked-in expected text;
/// with <c>UPDATE_GOLDEN=1</c> the expected file in the source tree is rewritten instead (then review the diff).
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Input(string relativePath) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", relativePath));

    /// <summary>One stable, reviewable spelling of a JSON body: indented, strings unescaped where JSON allows.</summary>
    public static string Normalise(ReadOnlySpan<byte> json) => JsonNode.Parse(json)!.ToJsonString(Indented) + "\n";

    public static void Match(string expectedPath, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceFixtures(), expectedPath), actual);
            return;
        }
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", expectedPath));
        Assert.Equal(expected, actual);
    }

    private static string SourceFixtures([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Fixtures");
}
