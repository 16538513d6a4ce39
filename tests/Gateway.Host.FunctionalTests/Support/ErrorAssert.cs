using System.Net;
using System.Text.Json;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>A gateway error in OpenAI's shape (SPEC §6): status, <c>x-gateway-error-code</c>, and <c>error.code</c>.</summary>
internal static class ErrorAssert
{
    /// <returns>The error's message.</returns>
    public static async Task<string> OpenAiAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, Assert.Single(response.Headers.GetValues("x-gateway-error-code")));
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }
}
