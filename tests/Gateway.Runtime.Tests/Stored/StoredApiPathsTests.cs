using Gateway.Runtime.Stored;

namespace Gateway.Runtime.Tests.Stored;

/// <summary>SPEC §10's stored-object URL space: exactly these methods and shapes, an id from a safe alphabet (S6).</summary>
public sealed class StoredApiPathsTests
{
    [Theory]
    [InlineData("POST", "/v1/files", "files", "/files", true)]
    [InlineData("GET", "/v1/files", "files", "/files", false)]
    [InlineData("GET", "/v1/files/file-AbC_09", "files", "/files/file-AbC_09", false)]
    [InlineData("DELETE", "/v1/files/file-1", "files", "/files/file-1", false)]
    [InlineData("GET", "/v1/files/file-1/content", "files", "/files/file-1/content", false)]
    [InlineData("GET", "/v1/responses/resp_1", "responses", "/responses/resp_1", false)]
    [InlineData("DELETE", "/v1/responses/resp_1", "responses", "/responses/resp_1", false)]
    [InlineData("GET", "/v1/responses/resp_1/input_items", "responses", "/responses/resp_1/input_items", false)]
    [InlineData("POST", "/v1/responses/resp_1/cancel", "responses", "/responses/resp_1/cancel", true)]
    public void TheDocumentedEndpoints_Match(string method, string path, string api, string upstreamPath, bool hasBody)
    {
        Assert.True(StoredApiPaths.TryMatch(method, path, out var route));
        Assert.Equal(new StoredRoute(api == "files" ? StoredApi.Files : StoredApi.Responses, upstreamPath, hasBody), route);
    }

    [Theory]
    [InlineData("DELETE", "/v1/files")]
    [InlineData("POST", "/v1/files/file-1")]
    [InlineData("DELETE", "/v1/files/file-1/content")]
    [InlineData("GET", "/v1/files/")]
    [InlineData("GET", "/v1/files/..")]
    [InlineData("GET", "/v1/files/file-1/")]
    [InlineData("GET", "/v1/files/a%2Fb")]
    [InlineData("GET", "/v1/files/a b")]
    [InlineData("GET", "/v1/files/é")]
    [InlineData("GET", "/v1/filesx")]
    [InlineData("GET", "/v1/responses")]
    [InlineData("GET", "/v1/responses/")]
    [InlineData("POST", "/v1/responses/resp_1")]
    [InlineData("GET", "/v1/responses/resp_1/cancel")]
    [InlineData("POST", "/v1/responses/resp_1/input_items")]
    [InlineData("GET", "/v1/responses/resp_1/input_items/x")]
    public void AnythingElse_DoesNotMatch(string method, string path)
    {
        Assert.False(StoredApiPaths.TryMatch(method, path, out _));
    }

    [Fact]
    public void AnIdLongerThan256Characters_DoesNotMatch()
    {
        Assert.True(StoredApiPaths.TryMatch("GET", "/v1/files/" + new string('a', 256), out _));
        Assert.False(StoredApiPaths.TryMatch("GET", "/v1/files/" + new string('a', 257), out _));
    }
}
