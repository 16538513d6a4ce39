using System.Net;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A request body of unknown length, so it goes chunked: <c>bytes</c> in pieces of <c>chunk</c> bytes, each
/// flushed. Optionally the sender waits for <c>afterFirstChunk</c> after the first piece (to cut an upload
/// mid-request) or pauses <c>gap</c> between pieces (the pacing a timeout test is about).
/// </summary>
internal sealed class ChunkedContent(byte[] bytes, int chunk = 64 * 1024, Task? afterFirstChunk = null, TimeSpan gap = default) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            if (i > 0 && gap > TimeSpan.Zero) await Task.Delay(gap);
            await stream.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)));
            await stream.FlushAsync();
            if (i == 0 && afterFirstChunk is not null) await afterFirstChunk.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
