using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>
/// H6: a body the upstream could read differently from the gateway (another model, another stream
/// flag) is refused before any upstream work, so a managed key is never spent on a model its route
/// does not serve.
/// </summary>
public sealed class AmbiguousBodyTests
{
    [Theory]
    [InlineData("""{"model":"smart","MODEL":"gpt-4o-mini","messages":[]}""")]
    [InlineData("""{"model":"smart","model":"up-model","messages":[]}""")]
    [InlineData("""{"model":"smart","stream":false,"Stream":true,"messages":[]}""")]
    public async Task H6_Json_DuplicateOrCaseVariantModel_Is400_AndNothingIsForwarded(string body)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("more than once", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Upstream.Requests);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=gw-b; boundary=other", "The Content-Type has more than one boundary")]
    [InlineData("multipart/form-data; boundary=gw-b", "more than one 'model' field")]
    public async Task H6_Multipart_DuplicateBoundaryOrModelPart_Is400_AndNothingIsForwarded(string contentType, string message)
    {
        await using var h = await GatewayHarness.StartAsync();
        var form = "--gw-b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ntranscriber\r\n" +
                   "--gw-b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n" +
                   "--gw-b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-4o-transcribe\r\n--gw-b--\r\n";
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await h.Client.PostAsync("/v1/audio/transcriptions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Upstream.Requests);
    }
}
