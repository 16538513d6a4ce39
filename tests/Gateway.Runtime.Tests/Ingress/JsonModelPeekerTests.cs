using System.Text;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Tests.Support;

namespace Gateway.Runtime.Tests.Ingress;

public sealed class JsonModelPeekerTests
{
    private static PeekStatus Peek(string json, out ModelField field) => JsonModelPeeker.Peek(Encoding.UTF8.GetBytes(json), out field);

    [Fact]
    public void Peek_FindsTopLevelModel_AndTheRawTokenRange()
    {
        const string json = """{"messages":[{"model":"inner"}],"model":"gpt-4o","x":1}""";
        Assert.Equal(PeekStatus.Found, Peek(json, out var field));
        Assert.Equal("gpt-4o", field.Value);
        Assert.Equal("\"gpt-4o\"", json.Substring(field.Start, field.Length));
        Assert.False(field.Stream);
    }

    [Fact]
    public void Peek_UnescapesTheValue_AndCoversTheEscapedBytes()
    {
        const string json = """{"model":"gpt\u002d4o"}""";
        Assert.Equal(PeekStatus.Found, Peek(json, out var field));
        Assert.Equal("gpt-4o", field.Value);
        Assert.Equal("\"gpt\\u002d4o\"", json.Substring(field.Start, field.Length));
    }

    [Fact]
    public void Peek_MatchesAnEscapedPropertyName()
    {
        Assert.Equal(PeekStatus.Found, Peek("""{"mod\u0065l":"m"}""", out var field));
        Assert.Equal("m", field.Value);
    }

    [Theory]
    [InlineData("""{"model":"smart","MODEL":"gpt-4o-mini"}""")]
    [InlineData("""{"model":"smart","model":"gpt-4o-mini"}""")]
    [InlineData("""{"Model":"smart","mod\u0065l":"gpt-4o-mini"}""")]
    [InlineData("""{"model":"smart","messages":[],"MoDeL":4}""")]
    [InlineData("""{"model":"m","stream":false,"Stream":true}""")]
    [InlineData("""{"model":"m","stream":true,"\u017Ftream":false}""")] // U+017F long s folds to s (Go's encoding/json)
    public void H6_Peek_RefusesDuplicateOrCaseVariantModelAndStream(string json) =>
        Assert.Equal(PeekStatus.Duplicate, Peek(json, out _));

    [Theory]
    [InlineData("""{"MODEL":"m"}""", "m")]
    [InlineData("""{"model":"m","models":"x","modeI":"y","model_":"z"}""", "m")]
    [InlineData("""{"messages":[{"model":"inner","MODEL":"inner2"}],"model":"m"}""", "m")]
    public void H6_Peek_ReadsOneSpelling_AndIgnoresNamesThatOnlyLookLikeIt(string json, string expected)
    {
        Assert.Equal(PeekStatus.Found, Peek(json, out var field));
        Assert.Equal(expected, field.Value);
    }

    [Theory]
    [InlineData("""{"model":"m","stream":true}""", true)]
    [InlineData("""{"stream":false,"model":"m"}""", false)]
    [InlineData("""{"stream":"true","model":"m"}""", false)]
    public void Peek_ReadsTheStreamFlag(string json, bool expected)
    {
        Assert.Equal(PeekStatus.Found, Peek(json, out var field));
        Assert.Equal(expected, field.Stream);
    }

    [Theory]
    [InlineData("", nameof(PeekStatus.Malformed))]
    [InlineData("not json", nameof(PeekStatus.Malformed))]
    [InlineData("[]", nameof(PeekStatus.Malformed))]
    [InlineData("\"model\"", nameof(PeekStatus.Malformed))]
    [InlineData("{\"model\":\"m", nameof(PeekStatus.Malformed))]
    [InlineData("""{"model":"m"} x""", nameof(PeekStatus.Malformed))]
    [InlineData("""{"model":"m",}""", nameof(PeekStatus.Malformed))]
    [InlineData("""{"input":"x"}""", nameof(PeekStatus.Missing))]
    [InlineData("""{"model":4}""", nameof(PeekStatus.WrongType))]
    [InlineData("""{"model":null}""", nameof(PeekStatus.WrongType))]
    [InlineData("""{"model":""}""", nameof(PeekStatus.WrongType))]
    [InlineData("""{"model":{"id":"m"}}""", nameof(PeekStatus.WrongType))]
    [InlineData("""{"model":"a","model":"b"}""", nameof(PeekStatus.Duplicate))]
    public void Peek_ClassifiesBadBodies(string json, string expected) => Assert.Equal(Enum.Parse<PeekStatus>(expected), Peek(json, out _));

    [Fact]
    public void Peek_RejectsInvalidUtf8InTheModel()
    {
        byte[] body = [.. "{\"model\":\"a"u8, 0xFF, .. "\"}"u8];
        Assert.NotEqual(PeekStatus.Found, JsonModelPeeker.Peek(body, out _));
    }

    [Fact]
    public void R18_Peek_NeverThrows_OnRandomBytes()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 12) "{\"model\":\""u8.CopyTo(bytes);
            var status = JsonModelPeeker.Peek(bytes, out _);
            Assert.True(Enum.IsDefined(status));
        }
    }

    [Fact]
    public void E2_Peek_SaysWhetherTheTableListsTheModel_SoTelemetryNeedNotLookAgain()
    {
        var provider = new ProviderDefinition(0, "openai", "http://127.0.0.1:1/v1", AuthScheme.Bearer, "", [], 1000, ["gpt-x"]);
        var gateway = new TestGateway([provider], [], []);

        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek("""{"model":"gpt-x"}"""u8, out var listed, gateway));
        Assert.Equal(0, listed.Listing);
        Assert.Same(gateway.ModelListings[0].Id, listed.Value);

        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek("""{"model":"openai::gpt-y"}"""u8, out var unlisted, gateway));
        Assert.Equal(-1, unlisted.Listing);

        Assert.Equal(PeekStatus.Found, JsonModelPeeker.Peek("""{"model":"gpt-x"}"""u8, out var unknown));
        Assert.Equal(ModelField.NotLookedUp, unknown.Listing);
    }
}
