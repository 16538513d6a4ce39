using System.Globalization;
using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// RELIABILITY R20 with the real host as a child process, so its memory is its own: a 20 MiB SSE line with
/// no newline goes through while the gateway's peak RSS grows by a few MiB at most.
/// </summary>
public sealed class StreamingMemoryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const int LineBytes = 20 * 1024 * 1024;
    private const long AllowedGrowthBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task R20_TwentyMiBLineWithoutNewline_IsRelayedWhole_WithPeakRssGrowthUnder8MiB()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'x');
        upstream.Handler = async context =>
        {
            var warmUp = Encoding.UTF8.GetString((byte[])context.Items["body"]!).Contains("warm-up", StringComparison.Ordinal);
            await UpstreamScripts.Sse(context, ["data: "], TimeSpan.Zero);
            for (var sent = 0; sent < (warmUp ? chunk.Length : LineBytes); sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
            await context.Response.Body.WriteAsync("\n\ndata: [DONE]\n\n"u8.ToArray(), context.RequestAborted);
        };
        var gatewayDll = await HostBuild.GetAsync(ChildHostConfig.SmartRoute(upstream.Port));
        // The JIT host has no gen0 budget of its own (the NativeAOT build sets 4 MiB): without one the GC may let
        // garbage pile up for tens of MiB, which would hide what this test looks for (retained bytes).
        await using var host = HostProcess.Start(gatewayDll, ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = "0x400000" });
        var address = await host.WaitForAddressAsync(Wait);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Wait };

        // Warm up (JIT, pools), then measure the peak from here on.
        Assert.Equal(chunk.Length, await StreamLengthAsync(client, "warm-up"));
        await ProcessMemory.ResetPeakAsync(host.Id);
        var before = ProcessMemory.PeakBytes(host.Id);

        Assert.Equal(LineBytes, await StreamLengthAsync(client, "big"));
        var peak = ProcessMemory.PeakBytes(host.Id);

        Assert.True(peak - before < AllowedGrowthBytes,
            $"peak RSS grew by {(peak - before) / 1024} KiB while relaying a {LineBytes / 1024 / 1024} MiB line (allowed {AllowedGrowthBytes / 1024} KiB)");
    }

    /// <summary>Streams one response and returns the length of the payload between "data: " and the blank line.</summary>
    private static async Task<long> StreamLengthAsync(HttpClient client, string marker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"smart","stream":true,"messages":[{"role":"user","content":"{{marker}}"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        return total - "data: ".Length - "\n\ndata: [DONE]\n\n".Length;
    }

}
