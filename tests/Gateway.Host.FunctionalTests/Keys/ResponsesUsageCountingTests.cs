using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Keys;

/// <summary>
/// A3 for <c>/v1/responses</c> (SPEC §10, §11): the tokens a key is charged are the ones the provider
/// reported in its own format, whether the Responses call was relayed natively (<c>usage.input_tokens</c>
/// / <c>output_tokens</c>, in the body or in <c>response.completed</c>) or translated to Messages.
/// </summary>
public sealed class ResponsesUsageCountingTests
{
    [Fact]
    public async Task A3_ResponsesCalls_NativeAndTranslated_PlainAndStreamed_AreCountedExactly()
    {
        await using var h = await GatewayHarness.StartAsync(KeyScenario.Toml, credentials: KeyScenario.Credentials);
        h.Upstream.Handler = context => (context.Request.Path.Value ?? "").StartsWith("/anth/", StringComparison.Ordinal)
            ? FormatScripts.Anthropic(context)
            : ResponsesScripts.Native(context);

        // Native (provider "fake" serves Responses by default): 13 input + 9 output, plain and streamed.
        // Translated to Anthropic: 11 input + 5 cache reads + 7 output, plain and streamed.
        string[] bodies =
        [
            """{"model":"smart","input":"hi"}""",
            """{"model":"smart","input":"hi","stream":true}""",
            """{"model":"claude","input":"hi"}""",
            """{"model":"claude","input":"hi","stream":true}""",
        ];
        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyScenario.Spender);
            using var response = await h.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("output", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(["/v1/responses", "/v1/responses", "/anth/v1/messages", "/anth/v1/messages"], h.Upstream.Requests.Select(r => r.Path));
        const long expected = (2 * (13 + 9)) + (2 * (11 + 5 + 7));
        // Counting runs as each request ends, which may be just after its client read the last byte: poll
        // the key's own document (no sleeping; each poll is a round trip) until it says so or a deadline.
        var tokens = await PollTokensAsync(h, expected, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, tokens);
    }

    private static async Task<long> PollTokensAsync(GatewayHarness h, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/key");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyScenario.Spender);
            using var response = await h.Client.SendAsync(request);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var tokens = body.RootElement.GetProperty("usage").GetProperty("tokens").GetInt64();
            if (tokens >= expected || DateTime.UtcNow > deadline)
            {
                return tokens;
            }
        }
    }
}
