using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

[Collection(TimingSensitiveCollection.Name)]
public sealed class CancellationTests
{
    [Fact]
    public async Task R06_ClientAbortBeforeHeaders_CancelsTheUpstreamWithin1s_AndStartsNoOtherAttempt()
    {
        await using var h = await GatewayHarness.StartAsync();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = context =>
        {
            arrived.TrySetResult();
            return UpstreamScripts.StallBeforeHeaders(context);
        };
        using var client = new CancellationTokenSource();
        // The fallback route would try a second target if the abort were mistaken for an upstream failure.
        var call = h.Client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"resilient"}"""), client.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var abortedAt = h.Upstream.Clock.Elapsed;
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var seen = await h.Upstream.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True((seen - abortedAt).TotalMilliseconds < 1000, $"upstream saw the abort after {(seen - abortedAt).TotalMilliseconds:F0} ms");
        // R08: wait until the gateway finished the request (logged as 499), then count attempts.
        var completed = await h.Logs.CompletedAsync(499);
        Assert.Contains("Attempts=1", completed, StringComparison.Ordinal);
        Assert.Single(h.Upstream.Requests);
    }

    [Fact]
    public async Task R06_ClientAbortMidStream_CancelsTheUpstreamWithin1s()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = async context =>
        {
            await UpstreamScripts.Sse(context, ["data: {\"first\":1}\n\n"], TimeSpan.Zero);
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // waiting for the next token
        };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart","stream":true}""", completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        Assert.True(await stream.ReadAsync(buffer) > 0);

        var abortedAt = h.Upstream.Clock.Elapsed;
        response.Dispose(); // the client goes away mid-stream

        var seen = await h.Upstream.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True((seen - abortedAt).TotalMilliseconds < 1000, $"upstream saw the abort after {(seen - abortedAt).TotalMilliseconds:F0} ms");
    }
}
