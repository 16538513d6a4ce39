using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Host.FunctionalTests.Keys;

/// <summary>
/// A3: spend is never lost. 1,000 requests of every shape a key can send (OpenAI and Anthropic callers,
/// same-format and translated, plain and streamed, streams that did or did not ask for usage, clients that
/// leave after the usage arrived) and the key's counted tokens and spend equal what the fake reported.
/// </summary>
public sealed class SpendCountingTests
{
    private const int Requests = 1000;

    private static readonly (string Path, string Body, bool Stream)[] Shapes =
    [
        ("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"hi"}]}""", false),
        ("/v1/chat/completions", """{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}""", true),
        ("/v1/chat/completions", """{"model":"smart","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""", true),
        ("/v1/messages", """{"model":"claude","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""", false),
        ("/v1/messages", """{"model":"claude","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", true),
        ("/v1/messages", """{"model":"smart","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", true),
        ("/v1/messages", """{"model":"smart","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""", false),
        ("/v1/chat/completions", """{"model":"claude","messages":[{"role":"user","content":"hi"}]}""", false),
        ("/v1/chat/completions", """{"model":"claude","stream":true,"messages":[{"role":"user","content":"hi"}]}""", true),
        // The client leaves once the usage chunk arrived; the upstream never ends the stream.
        ("/v1/chat/completions", """{"model":"smart","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"HANG_AFTER_USAGE"}]}""", true),
    ];

    [Fact]
    public async Task A3_CountedTokensAndSpend_EqualTheUpstreamsReportedUsage_Over1000MixedRequests()
    {
        var fake = new UsageReportingUpstream();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)); // one minute, one day
        await using var h = await GatewayHarness.StartAsync(KeyScenario.Toml, b => b.Services.AddSingleton<TimeProvider>(time), KeyScenario.Credentials);
        h.Upstream.Handler = fake.Handle;

        var next = -1;
        var hiddenChunkSeen = 0;
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                var (path, body, stream) = Shapes[i % Shapes.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("x-api-key", KeyScenario.Spender);
                using var response = await h.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await ReadAsync(response, leaveAfterUsage: body.Contains(UsageReportingUpstream.HangAfterUsage, StringComparison.Ordinal));
                if (stream && path == "/v1/chat/completions" && !body.Contains("include_usage", StringComparison.Ordinal) && text.Contains("\"usage\":{", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref hiddenChunkSeen);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Requests, fake.Answers);
        Assert.Equal(0, hiddenChunkSeen); // the usage chunk the gateway asked for never reached a caller that did not
        // Counting runs as each request ends, which may be just after its client read the last byte.
        var (tokens, spend) = await PollUsageAsync(h, fake.Tokens, TimeSpan.FromSeconds(10));
        Assert.Equal(fake.Tokens, tokens);
        Assert.Equal(fake.MicroUsd / 1_000_000m, spend);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, bool leaveAfterUsage)
    {
        if (!leaveAfterUsage)
        {
            return await response.Content.ReadAsStringAsync();
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("\"usage\":{", StringComparison.Ordinal))
            {
                break; // leave: disposing the response aborts the request
            }
        }
        return seen.ToString();
    }

    private static async Task<(long Tokens, decimal Spend)> PollUsageAsync(GatewayHarness h, long expectedTokens, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/key");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyScenario.Spender);
            using var response = await h.Client.SendAsync(request);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var usage = body.RootElement.GetProperty("usage");
            var result = (usage.GetProperty("tokens").GetInt64(), usage.GetProperty("spend_usd").GetDecimal());
            if (result.Item1 >= expectedTokens || DateTime.UtcNow > deadline)
            {
                return result;
            }
            await Task.Delay(20);
        }
    }
}
